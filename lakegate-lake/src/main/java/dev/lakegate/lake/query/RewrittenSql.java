package dev.lakegate.lake.query;

import java.util.Map;

/**
 * DuckDB SQL in which each table reference was replaced by a relation name.
 *
 * @param relationsAt the UTF-8 byte offset in {@code sql} of each relation name put there (what
 *     DuckDB reports as a table's {@code query_location}) → that name, so the sandbox can tell the
 *     plan's references from names the SQL spells itself
 */
public record RewrittenSql(String sql, Map<Integer, String> relationsAt) implements Source {
  public RewrittenSql {
    relationsAt = Map.copyOf(relationsAt);
  }
}
