package dev.lakegate.lake.query;

import dev.lakegate.lake.delta.TableSnapshot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A throwaway in-memory DuckDB per query that can read exactly the named tables' files.
 *
 * <p>Why per query: DuckDB's file access is a database-wide setting. With one shared database,
 * user SQL could call {@code read_text('/etc/…')} or {@code COPY … TO} a table's own data file;
 * here external access is off except for this query's files ({@code allowed_paths}), the
 * configuration is locked, extensions cannot load, and only a single SELECT may run. Opening one
 * costs about 7 ms.
 */
final class Sandbox {
  private Sandbox() {}

  /** A connection with one view per table, named {@code "catalog.schema.table"}. */
  static Connection open(Map<String, TableSnapshot> tables, SqlEngine.Options options) throws SQLException {
    List<String> files = tables.values().stream().flatMap(t -> t.files().stream()).distinct().toList();
    Properties p = new Properties();
    p.setProperty("memory_limit", options.memoryLimit());
    p.setProperty("threads", String.valueOf(options.threads()));
    p.setProperty("autoinstall_known_extensions", "false");
    p.setProperty("autoload_known_extensions", "false");
    Connection c = DriverManager.getConnection("jdbc:duckdb:", p);
    try (Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'"); // an ICU setting: not accepted at startup
      for (Map.Entry<String, TableSnapshot> t : tables.entrySet()) {
        // OR REPLACE: names differing only in case are one view to DuckDB (and one table to Spark).
        s.execute("CREATE OR REPLACE VIEW " + Relations.ident(t.getKey()) + " AS SELECT * FROM "
            + Relations.of(t.getValue()));
      }
      s.execute(files.stream().map(Relations::literal).collect(Collectors.joining(", ", "SET allowed_paths = [", "]")));
      s.execute("SET enable_external_access = false");
      s.execute("SET lock_configuration = true");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** Asks DuckDB's own parser: exactly one statement, and a SELECT (no COPY, ATTACH, SET, PRAGMA…). */
  static void requireSingleSelect(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT j->>'error', j->>'error_message', json_array_length(j->'statements') "
            + "FROM (SELECT json_serialize_sql(?::VARCHAR)::JSON AS j)")) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        boolean error = "true".equals(rs.getString(1));
        String message = rs.getString(2);
        if (error && message != null && message.startsWith("Only SELECT")) {
          throw new SqlException("Only SELECT queries can run here");
        }
        if (!error && rs.getLong(3) != 1) {
          throw new SqlException("Run one statement at a time (got " + rs.getLong(3) + ")");
        }
        // Other errors (syntax…) are left to the real execution, whose message is better.
      }
    }
  }
}
