package dev.lakegate.lake.catalog;

import io.delta.kernel.types.StructType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Delta table as the store holds it: what the Unity Catalog {@code TableInfo} answer needs. {@code
 * location} is always set: given for external tables, assigned by the store for managed ones.
 * {@code tableType} is MANAGED or EXTERNAL (views are {@link ViewInfo}s).
 */
public record TableInfo(
    TableName name,
    StructType columns,
    String location,
    Map<String, String> properties,
    Optional<String> comment,
    String owner,
    Instant createdAt,
    Instant updatedAt,
    TableType tableType,
    DataSourceFormat dataSourceFormat) implements Relation {

  public TableInfo {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }
}
