package dev.lakegate.lake.query;

import java.util.List;

/**
 * A three-part table reference in a SQL text: characters {@code [start, end)} of the statement
 * (quotes included) name the table {@code parts} (unquoted, as written). A SQL parser that already
 * knows where its table references are can pass these to {@link SqlEngine#query(String, List,
 * java.util.function.Function)}; otherwise {@link TableRefs#find} locates them.
 */
public record TableRef(int start, int end, List<String> parts) {
  public TableRef {
    parts = List.copyOf(parts);
    if (start < 0 || end <= start) throw new IllegalArgumentException("bad range " + start + ".." + end);
    if (parts.size() != 3) throw new IllegalArgumentException("need catalog.schema.table, got " + parts);
  }

  /** {@code catalog.schema.table} as written (without quotes). */
  public String name() {
    return String.join(".", parts);
  }
}
