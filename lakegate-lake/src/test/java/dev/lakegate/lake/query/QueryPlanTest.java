package dev.lakegate.lake.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Views, definer rights and row filters at the engine: plans built with resolvers that play the
 * catalog's part, and every way a query might read around a view or a filter, refused by the sandbox.
 */
class QueryPlanTest {
  static final TableName USAGE = TableName.parse("sys.gw.usage");
  static final TableName SECRET = TableName.parse("main.s.secret");
  final SqlEngine engine = new SqlEngine();
  final Map<TableName, DeltaTable> tables = new HashMap<>();
  /** View name → definition; every view is owned by "owner", who may read everything. */
  final Map<TableName, String> views = new HashMap<>();
  @TempDir Path dir;
  String usageFile;

  @BeforeEach
  void tables() {
    DeltaTables delta = new DeltaTables();
    DeltaTable usage = delta.create(dir.resolve("usage").toString(), SqlParser.parseColumns("requester STRING, tokens BIGINT"), Map.of());
    usage.append(List.of(Row.of("alice", 10L), Row.of("bob", 20L), Row.of("bob", 5L), Row.of(null, 1L)));
    tables.put(USAGE, usage);
    DeltaTable secret = delta.create(dir.resolve("secret").toString(), SqlParser.parseColumns("name STRING, public BOOLEAN"), Map.of());
    secret.append(List.of(Row.of("open", true), Row.of("hidden", false)));
    tables.put(SECRET, secret);
    usageFile = usage.snapshot().files().getFirst();
    views.put(TableName.parse("main.s.open"), "SELECT name FROM main.s.secret WHERE public");
    views.put(TableName.parse("main.s.mine"), "SELECT requester, sum(tokens) AS tokens FROM sys.gw.usage GROUP BY requester");
    views.put(TableName.parse("main.s.nested"), "SELECT m.tokens, o.name FROM main.s.mine m, main.s.open AS o");
  }

  /** A reader allowed {@code readable} by name (views and tables), seeing only {@code requester}'s usage rows when given. */
  Resolver reader(Set<String> readable, Optional<String> requester) {
    return ref -> {
      TableName name = ref.name();
      if (!readable.contains(name.fullName())) throw new SqlException("denied: " + name);
      Resolver owner = reader(Set.of("sys.gw.usage", "main.s.secret", "main.s.mine", "main.s.open", "main.s.a", "main.s.b"), requester);
      String definition = views.get(name);
      if (definition != null) return new Resolved.View(SqlParser.parseQuery(definition), owner);
      DeltaTable t = tables.get(name);
      if (t == null) throw new SqlException("no table " + name);
      Optional<RowFilter> filter = name.equals(USAGE) ? requester.map(r -> new RowFilter("requester", r)) : Optional.empty();
      return new Resolved.Table(new TableScan(t.snapshot(), filter));
    };
  }

  QueryResult run(String sql, Resolver reader) {
    return engine.execute(QueryPlan.of(query(sql), reader));
  }

  static dev.lakegate.lake.sql.Query query(String sql) {
    return ((Statement.Select) SqlParser.parse(sql)).query();
  }

  final Resolver bob = reader(Set.of("sys.gw.usage", "main.s.open", "main.s.mine", "main.s.nested"), Optional.of("bob"));
  final Resolver admin = reader(Set.of("sys.gw.usage", "main.s.secret", "main.s.open", "main.s.mine", "main.s.nested"), Optional.empty());

  @Test
  void viewsAreRelationsOfTheirOwnAndNest() {
    QueryPlan plan = QueryPlan.of(query("SELECT n.name, tokens FROM main.s.nested n WHERE tokens > 0"), bob);
    assertThat(plan.query().sql()).isEqualTo("SELECT n.name, tokens FROM \"main.s.nested\" n WHERE tokens > 0");
    assertThat(plan.relations().keySet()).containsExactly("sys.gw.usage", "main.s.mine", "main.s.secret", "main.s.open", "main.s.nested");
    assertThat(plan.relations().get("main.s.open")).isEqualTo(new RewrittenSql(
        "SELECT name FROM \"main.s.secret\" AS \"secret\" WHERE public", Map.of(17, "main.s.secret")));
    assertThat(engine.execute(plan).rows()).containsExactly(List.of("open", BigInteger.valueOf(25))); // sum(BIGINT) is a HUGEINT
    // A view's own alias and the Spark-style default alias both qualify columns.
    assertThat(run("SELECT open.name FROM main.s.open", bob).rows()).containsExactly(List.of("open"));
  }

  @Test
  void aViewReadsWithItsOwnersRightsButItsTablesStayOutOfReach() {
    assertThat(run("SELECT * FROM main.s.open", bob).rows()).containsExactly(List.of("open"));
    assertThatThrownBy(() -> run("SELECT * FROM main.s.secret", bob)).hasMessage("denied: main.s.secret");
    // The relation the plan adds for the view's table cannot be named by the query itself.
    for (String around : List.of("SELECT * FROM main.s.open, \"main.s.secret\"",
        "SELECT * FROM main.s.open WHERE name IN (SELECT name FROM \"main.s.secret\")",
        "SELECT * FROM main.s.open UNION ALL SELECT name FROM \"main.s.secret\"",
        "SELECT * FROM main.s.open, (FROM \"main.s.secret\")")) {
      assertThatThrownBy(() -> run(around, bob)).as(around).isInstanceOf(SqlException.class)
          .hasMessage("'main.s.secret' is not a table of the catalog nor a CTE of the query: name tables catalog.schema.table "
              + "(files and DuckDB's own tables cannot be read)");
    }
    // A CTE of the query cannot stand in for a table the view reads: DuckDB binds the view on its own.
    assertThat(run("WITH \"main.s.secret\" AS (SELECT 'fake' AS name, true AS public) SELECT * FROM main.s.open", bob).rows())
        .containsExactly(List.of("open"));
  }

  @Test
  void rowFiltersHoldWhateverShapeTheQueryTakes() {
    List<List<Object>> bobs = List.of(List.of(BigInteger.valueOf(25)));
    for (String shape : List.of(
        "SELECT sum(tokens) FROM sys.gw.usage",
        "SELECT sum(u.tokens) FROM sys.gw.usage u WHERE requester = 'alice' OR true",
        "SELECT sum(tokens) FROM (SELECT * FROM sys.gw.usage) AS s",
        "WITH all_rows AS (SELECT * FROM sys.gw.usage) SELECT sum(tokens) FROM all_rows",
        "SELECT sum(tokens) FROM (SELECT tokens FROM sys.gw.usage UNION ALL SELECT tokens FROM sys.gw.usage WHERE false)",
        "SELECT sum(a.tokens) FROM sys.gw.usage a JOIN sys.gw.usage b ON a.tokens = b.tokens",
        "SELECT sum(tokens) FROM main.s.mine",
        "FROM sys.gw.usage SELECT sum(tokens)")) {
      assertThat(run(shape, bob).rows()).as(shape).isEqualTo(bobs);
    }
    assertThat(run("SELECT count(*) FROM sys.gw.usage", admin).rows()).containsExactly(List.of(4L));
    assertThat(run("SELECT requester FROM main.s.mine ORDER BY 1", bob).rows()).containsExactly(List.of("bob"));
  }

  @Test
  void filesDuckDbsOwnTablesAndTableFunctionsAreOutOfReach() {
    Map<String, String> refusals = Map.ofEntries(
        Map.entry("SELECT * FROM sys.gw.usage, read_parquet('" + usageFile + "')", "Table function read_parquet cannot be used"),
        Map.entry("SELECT * FROM sys.gw.usage, '" + usageFile + "'", "'" + usageFile + "' is not a table of the catalog"),
        Map.entry("SELECT * FROM sys.gw.usage, delta_scan('" + dir.resolve("usage") + "')", "Table function delta_scan cannot be used"),
        Map.entry("SELECT * FROM sys.gw.usage, parquet_scan(['" + usageFile + "'])", "Table function parquet_scan cannot be used"),
        Map.entry("SELECT sql FROM duckdb_views(), sys.gw.usage", "Table function duckdb_views cannot be used"),
        Map.entry("SELECT sql FROM sqlite_master, sys.gw.usage", "'sqlite_master' is not a table of the catalog"),
        Map.entry("SELECT * FROM sys.gw.usage WHERE EXISTS (FROM duckdb_tables)", "'duckdb_tables' is not a table of the catalog"),
        Map.entry("SELECT * FROM query('SELECT * FROM read_parquet(''" + usageFile + "'')')", "Table function query cannot be used"),
        Map.entry("SELECT * FROM (SUMMARIZE \"sys.gw.usage\")", "DESCRIBE and SUMMARIZE cannot be used inside a query"),
        Map.entry("SELECT * FROM sys.gw.usage u, (DESCRIBE sys.gw.usage)", "DESCRIBE and SUMMARIZE cannot be used inside a query"),
        // A non-recursive CTE does not see itself: the inner name is DuckDB's table.
        Map.entry("WITH sqlite_master AS (SELECT * FROM sqlite_master) SELECT * FROM sqlite_master, sys.gw.usage",
            "'sqlite_master' is not a table of the catalog"),
        // Nor does a CTE see the ones after it.
        Map.entry("WITH a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a", "'b' is not a table of the catalog"));
    refusals.forEach((sql, message) -> assertThatThrownBy(() -> run(sql, bob)).as(sql)
        .isInstanceOf(SqlException.class).hasMessageContaining(message));

    assertThat(run("WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT max(n) FROM r", bob).rows())
        .containsExactly(List.of(3));
    assertThat(run("SELECT count(*) FROM range(3), generate_series(1, 2), unnest([1, 2]), sys.gw.usage", bob).rows())
        .containsExactly(List.of(24L));
    // Offsets are UTF-8 bytes, as DuckDB counts them.
    assertThat(run("SELECT 'é😀' AS x, tokens FROM sys.gw.usage WHERE tokens = 20", bob).rows()).containsExactly(List.of("é😀", 20L));
  }

  @Test
  void cyclesAndDeepNestingAreRefusedWithTheViewsInvolved() {
    views.put(TableName.parse("main.s.a"), "SELECT * FROM main.s.b");
    views.put(TableName.parse("main.s.b"), "SELECT *\nFROM main.s.a");
    Resolver all = reader(Set.of("main.s.a", "main.s.b"), Optional.empty());
    assertThatThrownBy(() -> QueryPlan.of(query("SELECT * FROM main.s.a"), all)).isInstanceOf(SqlException.class)
        .hasMessage("line 2, column 6: view main.s.a references itself: main.s.a → main.s.b → main.s.a");
    // CREATE OR REPLACE VIEW main.s.a AS SELECT * FROM main.s.b would close the cycle.
    views.put(TableName.parse("main.s.b"), "SELECT * FROM main.s.open");
    assertThat(QueryPlan.of(query("SELECT * FROM main.s.b"), all, Optional.of(TableName.parse("main.s.a"))).relations())
        .containsKey("main.s.b");
    views.put(TableName.parse("main.s.b"), "SELECT * FROM main.s.a");
    assertThatThrownBy(() -> QueryPlan.of(query("SELECT * FROM main.s.b"), all, Optional.of(TableName.parse("main.s.a"))))
        .hasMessage("line 1, column 15: view main.s.a references itself: main.s.a → main.s.b → main.s.a");

    assertThatThrownBy(() -> QueryPlan.of(query("SELECT * FROM d.d.v0"), deep()))
        .hasMessageEndingWith("views nest deeper than 32 levels at d.d.v32");
  }

  /** View d.d.vN reads d.d.vN+1, for ever. */
  private Resolver deep() {
    return ref -> new Resolved.View(query("SELECT * FROM d.d.v" + (Integer.parseInt(ref.name().table().substring(1)) + 1)), deep());
  }

  @Test
  void aViewsColumnsComeFromBindingItsQuery() {
    StructType columns = engine.schema(QueryPlan.of(query(
        "SELECT requester, sum(tokens) AS total, {'a': 1, 'b_c': [tokens]} AS s, INTERVAL 1 DAY AS i FROM sys.gw.usage GROUP BY ALL"),
        admin));
    assertThat(columns.fieldNames()).containsExactly("requester", "total", "s", "i");
    assertThat(columns.get("requester").getDataType()).isEqualTo(StringType.STRING);
    assertThat(columns.get("total").getDataType()).isEqualTo(new DecimalType(38, 0));
    assertThat(columns.get("s").getDataType().toString()).isEqualTo("struct(StructField(name=a,type=integer,nullable=true,metadata={},"
        + "typeChanges=[]), StructField(name=b_c,type=array[long],nullable=true,metadata={},typeChanges=[]))");
    assertThat(columns.get("i").getDataType()).isEqualTo(StringType.STRING);
    assertThatThrownBy(() -> engine.schema(QueryPlan.of(query("SELECT tokens, requester AS Tokens FROM sys.gw.usage"), admin)))
        .hasMessage("The query returns two columns named 'Tokens'; name them apart with AS");
  }
}
