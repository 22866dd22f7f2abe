package dev.lakegate.lake.catalog;

import io.delta.kernel.types.StructType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What CREATE TABLE asks for. An empty {@code columns} is allowed only with a location: it
 * registers an existing Delta table whose schema is read from its log.
 */
public record NewTable(
    TableName name,
    StructType columns,
    Optional<String> location,
    Map<String, String> properties,
    Optional<String> comment) {

  public NewTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(columns, "columns");
    location.flatMap(Locations::problem).ifPresent(p -> { throw new IllegalArgumentException(p); });
    if (columns.length() == 0 && location.isEmpty()) {
      throw new IllegalArgumentException("a managed table needs at least one column");
    }
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  public TableType tableType() {
    return location.isPresent() ? TableType.EXTERNAL : TableType.MANAGED;
  }
}
