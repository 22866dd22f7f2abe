package dev.lakegate.lake.query;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks DuckDB's own parse of a query ({@code json_serialize_sql}) so that it reads nothing but
 * what its plan put in it. Each table it names must be a plan relation, at the very place the plan
 * wrote it, or a CTE in scope; table functions other than {@link #FUNCTIONS} and {@code
 * DESCRIBE}/{@code SUMMARIZE} subqueries are refused.
 *
 * <p>Why: the sandbox must let DuckDB read a table's files for the relation that stands for it, and
 * DuckDB shows those paths to anyone who asks ({@code duckdb_views()}, {@code sqlite_master}). Without
 * this check {@code read_parquet('<path>')} or {@code FROM '<path>'} would read a row-filtered table
 * whole, and naming a relation the plan added only for a view would read a table with the view
 * owner's rights. Checking DuckDB's parse tree, not our token scan, covers every query shape.
 */
final class ReadGuard {
  /** Table functions that read no tables or files. */
  private static final Set<String> FUNCTIONS = Set.of("range", "generate_series", "unnest");

  private final Map<Integer, String> relationsAt;

  private ReadGuard(Map<Integer, String> relationsAt) {
    this.relationsAt = relationsAt;
  }

  /** @param statement one element of the {@code statements} that {@code json_serialize_sql} returns */
  static void check(JsonObject statement, RewrittenSql sql) {
    new ReadGuard(sql.relationsAt()).walk(statement, Set.of());
  }

  private void walk(JsonElement e, Set<String> ctes) {
    if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(x -> walk(x, ctes));
      return;
    }
    if (!e.isJsonObject()) {
      return;
    }
    JsonObject o = e.getAsJsonObject();
    Set<String> inScope = o.has("cte_map") ? ctes(o.getAsJsonObject("cte_map"), ctes) : ctes;
    // Table references carry a "type" and no "class" (expressions have both).
    if (!o.has("class") && o.get("type") instanceof JsonElement t && t.isJsonPrimitive()) {
      switch (t.getAsString()) {
        case "BASE_TABLE" -> table(o, inScope);
        case "TABLE_FUNCTION" -> function(o.getAsJsonObject("function"));
        case "SHOW_REF" -> throw new SqlException("DESCRIBE and SUMMARIZE cannot be used inside a query; "
            + "run DESCRIBE TABLE catalog.schema.table instead");
        default -> { }
      }
    }
    for (Map.Entry<String, JsonElement> field : o.entrySet()) {
      if (!field.getKey().equals("cte_map")) {
        walk(field.getValue(), inScope);
      }
    }
  }

  /**
   * Walks the CTE bodies and answers the names the rest of the node sees. As in DuckDB, a CTE sees
   * the CTEs before it, and itself only when recursive: {@code WITH sqlite_master AS (SELECT * FROM
   * sqlite_master)} reads DuckDB's own table inside.
   */
  private Set<String> ctes(JsonObject cteMap, Set<String> outer) {
    Set<String> visible = new HashSet<>(outer);
    for (JsonElement entry : cteMap.getAsJsonArray("map")) {
      String name = lower(entry.getAsJsonObject().get("key").getAsString());
      JsonObject cte = entry.getAsJsonObject().getAsJsonObject("value");
      boolean recursive = "RECURSIVE_CTE_NODE".equals(text(cte.getAsJsonObject("query").getAsJsonObject("node"), "type"));
      Set<String> body = new HashSet<>(visible);
      if (recursive) {
        body.add(name);
      }
      walk(cte, body);
      visible.add(name);
    }
    return visible;
  }

  private void table(JsonObject ref, Set<String> ctes) {
    String catalog = text(ref, "catalog_name");
    String schema = text(ref, "schema_name");
    String table = text(ref, "table_name");
    boolean unqualified = catalog.isEmpty() && schema.isEmpty();
    if (unqualified && (table.equals(planned(ref)) || ctes.contains(lower(table)))) {
      return;
    }
    String name = (catalog.isEmpty() ? "" : catalog + ".") + (schema.isEmpty() ? "" : schema + ".") + table;
    throw new SqlException("'" + name + "' is not a table of the catalog nor a CTE of the query: name tables "
        + "catalog.schema.table (files and DuckDB's own tables cannot be read)");
  }

  private static void function(JsonObject call) {
    String name = text(call, "function_name");
    if (!FUNCTIONS.contains(lower(name)) || !text(call, "schema").isEmpty() || !text(call, "catalog").isEmpty()) {
      throw new SqlException("Table function " + name + " cannot be used: queries read catalog tables by their "
          + "three-part names (the table functions available are " + String.join(", ", new TreeSet<>(FUNCTIONS)) + ")");
    }
  }

  /** The relation the plan wrote where {@code ref} stands, by DuckDB's query_location (2^64 - 1 when it has none). */
  private String planned(JsonObject ref) {
    JsonElement at = ref.get("query_location");
    BigInteger location = at == null ? BigInteger.ONE.negate() : at.getAsBigInteger();
    return location.signum() >= 0 && location.bitLength() < Integer.SIZE ? relationsAt.get(location.intValue()) : null;
  }

  private static String text(JsonObject o, String field) {
    JsonElement v = o.get(field);
    return v == null || v.isJsonNull() ? "" : v.getAsString();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
