package dev.lakegate.lake.sql;

import dev.lakegate.lake.catalog.TableName;
import java.util.List;
import java.util.function.Function;

/**
 * A query handed to DuckDB unparsed: its text (from its first token to its last, without a
 * trailing {@code ;} or comment) and the tables it reads. Only the references are found, by a
 * token scan that knows strings, quoted identifiers, comments and subqueries; the SQL itself is
 * DuckDB's to judge.
 */
public record Query(String sql, List<TableRef> tables) {
  public Query {
    tables = List.copyOf(tables);
  }

  /**
   * Replaces each table reference by {@code source.apply(name)} (e.g. {@code
   * read_parquet([...])}), adding {@code AS "<table>"} where the query gave no alias.
   */
  public String rewrite(Function<TableName, String> source) {
    StringBuilder b = new StringBuilder(sql);
    for (TableRef ref : tables.reversed()) {
      String alias = ref.aliased() ? "" : " AS \"" + ref.name().table().replace("\"", "\"\"") + "\"";
      b.replace(ref.start(), ref.end(), source.apply(ref.name()) + alias);
    }
    return b.toString();
  }
}
