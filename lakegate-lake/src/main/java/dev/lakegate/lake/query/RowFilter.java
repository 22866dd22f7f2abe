package dev.lakegate.lake.query;

import java.util.Objects;

/** The rows of a table one reader may see: those whose {@code column} equals {@code value}. */
public record RowFilter(String column, String value) {
  public RowFilter {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(value, "value");
  }
}
