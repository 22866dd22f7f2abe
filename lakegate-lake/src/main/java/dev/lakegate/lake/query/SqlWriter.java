package dev.lakegate.lake.query;

import java.util.HashMap;
import java.util.Map;

/** Writes DuckDB SQL piece by piece, noting where (in UTF-8 bytes, as DuckDB counts) it names relations. */
final class SqlWriter {
  private final StringBuilder sql = new StringBuilder();
  private final Map<Integer, String> relationsAt = new HashMap<>();
  private int bytes;

  SqlWriter text(CharSequence s) {
    sql.append(s);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3; // a surrogate pair is 4 bytes
    }
    return this;
  }

  /** The quoted relation name, aliased by {@code alias} when the query gave none. */
  SqlWriter relation(String name, String alias) {
    relationsAt.put(bytes, name);
    text(Relations.ident(name));
    return alias == null ? this : text(" AS ").text(Relations.ident(alias));
  }

  RewrittenSql done() {
    return new RewrittenSql(sql.toString(), relationsAt);
  }
}
