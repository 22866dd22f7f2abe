package dev.lakegate.lake.catalog;

import io.delta.kernel.types.StructType;
import java.util.Objects;
import java.util.Optional;

/**
 * What CREATE VIEW stores: the query as written and the columns it produced when it was created.
 *
 * @param definition the query's text (DuckDB SQL whose tables are three-part names)
 */
public record NewView(TableName name, String definition, StructType columns, Optional<String> comment) {
  public NewView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(columns, "columns");
  }
}
