package dev.lakegate.lake.catalog;

import io.delta.kernel.types.StructType;
import java.time.Instant;
import java.util.Optional;

/**
 * A view as the store holds it. Its query reads with its owner's privileges (Unity Catalog's
 * definer rights); {@code columns} are those the query had when the view was (re)created.
 */
public record ViewInfo(
    TableName name,
    String definition,
    StructType columns,
    Optional<String> comment,
    String owner,
    Instant createdAt,
    Instant updatedAt) implements Relation {

  @Override
  public TableType tableType() {
    return TableType.VIEW;
  }
}
