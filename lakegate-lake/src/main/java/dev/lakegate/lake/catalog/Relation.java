package dev.lakegate.lake.catalog;

import io.delta.kernel.types.StructType;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@code catalog.schema.table} name holds: a Delta table or a view. They share one namespace
 * per schema and one kind of privilege (a view is a TABLE securable, as in Unity Catalog).
 */
public sealed interface Relation permits TableInfo, ViewInfo {
  TableName name();

  StructType columns();

  Optional<String> comment();

  String owner();

  Instant createdAt();

  Instant updatedAt();

  TableType tableType();
}
