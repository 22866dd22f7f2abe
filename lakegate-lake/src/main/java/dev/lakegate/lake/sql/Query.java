package dev.lakegate.lake.sql;

import java.util.List;

/**
 * A query handed to DuckDB unparsed: its text (from its first token to its last, without a
 * trailing {@code ;} or comment) and the tables it reads. Only the references are found, by a
 * token scan that knows strings, quoted identifiers, comments and subqueries; the SQL itself is
 * DuckDB's to judge. {@code dev.lakegate.lake.query.QueryPlan} replaces the references.
 */
public record Query(String sql, List<TableRef> tables) {
  public Query {
    tables = List.copyOf(tables);
  }
}
