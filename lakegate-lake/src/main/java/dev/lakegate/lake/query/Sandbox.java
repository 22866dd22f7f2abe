package dev.lakegate.lake.query;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import java.util.stream.Stream;

/**
 * A throwaway in-memory DuckDB per query that can read exactly the files of the plan's tables, and
 * only through the plan's relations.
 *
 * <p>Why per query: DuckDB's file access is a database-wide setting. With one shared database,
 * user SQL could call {@code read_text('/etc/…')} or {@code COPY … TO} a table's own data file;
 * here external access is off except for this query's files ({@code allowed_paths}), the
 * configuration is locked, extensions cannot load, and only a single SELECT may run. Those files
 * are reachable only through the relations, by {@link ReadGuard}. Opening one costs about 7 ms.
 */
final class Sandbox {
  private Sandbox() {}

  /** A connection with one DuckDB view per relation of {@code plan}, named {@code "catalog.schema.table"}. */
  static Connection open(QueryPlan plan, SqlEngine.Options options) throws SQLException {
    List<String> files = plan.relations().values().stream()
        .flatMap(r -> r instanceof TableScan t ? t.snapshot().files().stream() : Stream.empty())
        .distinct().toList();
    Properties p = new Properties();
    p.setProperty("memory_limit", options.memoryLimit());
    p.setProperty("threads", String.valueOf(options.threads()));
    p.setProperty("autoinstall_known_extensions", "false");
    p.setProperty("autoload_known_extensions", "false");
    Connection c = DriverManager.getConnection("jdbc:duckdb:", p);
    try (Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'"); // an ICU setting: not accepted at startup
      for (Map.Entry<String, Source> r : plan.relations().entrySet()) {
        // OR REPLACE: names differing only in case are one view to DuckDB (and one table to Spark).
        String create = "CREATE OR REPLACE VIEW " + Relations.ident(r.getKey()) + " AS ";
        switch (r.getValue()) {
          case TableScan t -> s.execute(create + Relations.of(t));
          case RewrittenSql view -> {
            check(c, view);
            try {
              s.execute(create + view.sql());
            } catch (SQLException e) {
              throw new SqlException("View " + r.getKey() + " cannot be read: " + e.getMessage(), e);
            }
          }
        }
      }
      s.execute(files.stream().map(Relations::literal).collect(Collectors.joining(", ", "SET allowed_paths = [", "]")));
      s.execute("SET enable_external_access = false");
      s.execute("SET lock_configuration = true");
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /**
   * Asks DuckDB's own parser: exactly one statement, a SELECT (no COPY, ATTACH, SET, PRAGMA…), that
   * reads only the relations {@code sql} was given ({@link ReadGuard}). Syntax errors are left to
   * the execution, whose message is better.
   */
  static void check(Connection c, RewrittenSql sql) throws SQLException {
    String json;
    try (PreparedStatement ps = c.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
      ps.setString(1, sql.sql());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        json = rs.getString(1);
      }
    }
    JsonObject parsed = JsonParser.parseString(json).getAsJsonObject();
    if (parsed.get("error").getAsBoolean()) {
      String message = parsed.get("error_message").getAsString();
      if (message.startsWith("Only SELECT")) {
        throw new SqlException("Only SELECT queries can run here");
      }
      if (!"parser".equals(parsed.get("error_type").getAsString())) {
        throw new SqlException(message);
      }
      return;
    }
    int statements = parsed.getAsJsonArray("statements").size();
    if (statements != 1) {
      throw new SqlException("Run one statement at a time (got " + statements + ")");
    }
    ReadGuard.check(parsed.getAsJsonArray("statements").get(0).getAsJsonObject(), sql);
  }
}
