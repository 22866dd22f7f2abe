package dev.lakegate.lake.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.delta.TableSnapshot;
import dev.lakegate.lake.delta.TestSchemas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlEngineTest {
  final DeltaTables tables = new DeltaTables();
  final SqlEngine sql = new SqlEngine();
  @TempDir Path dir;
  DeltaTable metrics;
  Function<String, TableSnapshot> resolver;

  @BeforeEach
  void metricsTable() {
    metrics = tables.create(dir.resolve("metrics").toString(), TestSchemas.OTEL_METRICS, Map.of("otel.schemaVersion", "v1"));
    List<Row> rows = new ArrayList<>(TestSchemas.otherPoints());
    rows.add(TestSchemas.sumPoint("claude_code.cost.usage", 0.25, "alice"));
    metrics.append(rows, "w", 1);
    metrics.append(List.of(TestSchemas.sumPoint("claude_code.cost.usage", 0.5, "bob")), "w", 2);
    resolver = name -> name.equals("lake.otel.metrics") ? metrics.snapshot() : null;
  }

  @Test
  void readsNestedColumnsOfTheSpecMetricsTable() {
    QueryResult r = sql.query("""
        SELECT name, sum.value, gauge.attributes['k'] AS k, histogram.bucket_counts,
               sum.exemplars[1].filtered_attributes, summary.quantile_values[2], resource
        FROM lake.otel.metrics WHERE metric_type <> 'exponential_histogram' ORDER BY name, sum.value""", resolver);

    assertThat(r.columns()).extracting(QueryResult.Column::typeText).containsExactly("STRING", "DOUBLE", "STRING",
        "ARRAY<BIGINT>", "MAP<STRING, STRING>", "STRUCT<quantile: DOUBLE, value: DOUBLE>",
        "STRUCT<attributes: MAP<STRING, STRING>, dropped_attributes_count: INT>");
    assertThat(r.columns()).extracting(QueryResult.Column::typeName)
        .containsExactly("STRING", "DOUBLE", "STRING", "ARRAY", "MAP", "STRUCT", "STRUCT");
    Map<String, Object> resource = Map.of("attributes", Map.of("service.name", "claude-code"), "dropped_attributes_count", 0);
    assertThat(r.rows()).containsExactly(
        row("claude_code.cost.usage", 0.25, null, null, Map.of("k", "v"), null, resource),
        row("claude_code.cost.usage", 0.5, null, null, Map.of("k", "v"), null, resource),
        row("g", null, "gauge-v", null, null, null, resource),
        row("h", null, null, List.of(1L, 2L, 0L), null, null, null),
        row("s", null, null, null, null, Map.of("quantile", 0.99, "value", 4.0), resource));
    assertThat(r.truncated()).isFalse();
  }

  @Test
  void groupsAcrossFilesAndAliasesLikeSpark() {
    QueryResult r = sql.query("""
        SELECT metrics.name, sum(m.sum.value) AS total, count(*) AS n
        FROM lake.otel.metrics JOIN lake.otel.metrics AS m USING (name)
        WHERE metrics.metric_type = 'sum' GROUP BY metrics.name""", resolver);
    assertThat(r.rows()).containsExactly(List.of("claude_code.cost.usage", 1.5, 4L));
    assertThat(r.columns()).extracting(QueryResult.Column::typeText).containsExactly("STRING", "DOUBLE", "BIGINT");
  }

  @Test
  void valuesAreJsonFriendly() {
    DeltaTable all = tables.create(dir.resolve("all").toString(), TestSchemas.ALL_TYPES, Map.of());
    all.append(List.of(Row.of("s", 1L, 2, (short) 3, (byte) 4, Double.NaN, 1.5f, true, java.time.LocalDate.of(2025, 1, 31),
        java.time.Instant.parse("2025-01-31T12:34:56.123456Z"), java.time.LocalDateTime.of(2025, 1, 31, 12, 0),
        new java.math.BigDecimal("1.5"), new java.math.BigDecimal("-7"), new byte[] {1, 2, (byte) 255}, 9L)));
    QueryResult r = sql.query("SELECT * FROM c.s.all", name -> all.snapshot());
    DeltaTable none = tables.create(dir.resolve("none").toString(), TestSchemas.ALL_TYPES, Map.of());
    assertThat(sql.query("SELECT * FROM c.s.none", name -> none.snapshot()).columns()).isEqualTo(r.columns());

    assertThat(r.rows().getFirst()).containsExactly("s", 1L, 2, 3, 4, "NaN", 1.5f, true, "2025-01-31",
        "2025-01-31T12:34:56.123456Z", "2025-01-31T12:00:00", new java.math.BigDecimal("1.500"),
        new java.math.BigDecimal("-7.00000"), "AQL/", 9L);
    // Kernel writes SHORT and BYTE as plain INT32, so DuckDB (and Relations, for empty tables) says INT.
    assertThat(r.columns()).extracting(QueryResult.Column::typeText).containsExactly("STRING", "BIGINT", "INT",
        "INT", "INT", "DOUBLE", "FLOAT", "BOOLEAN", "DATE", "TIMESTAMP", "TIMESTAMP_NTZ", "DECIMAL(12,3)",
        "DECIMAL(30,5)", "BINARY", "BIGINT");
  }

  @Test
  void aTableWithoutFilesIsATypedEmptyRelation() {
    DeltaTable empty = tables.create(dir.resolve("empty").toString(), TestSchemas.OTEL_METRICS, Map.of());
    assertThat(empty.snapshot().files()).isEmpty();
    Function<String, TableSnapshot> both = n -> n.equals("c.s.empty") ? empty.snapshot() : metrics.snapshot();

    QueryResult agg = sql.query("SELECT count(*), max(sum.value), max(gauge.attributes['k']) FROM c.s.empty", both);
    assertThat(agg.rows()).containsExactly(row(0L, null, null));
    QueryResult none = sql.query("SELECT * FROM c.s.empty", both);
    QueryResult some = sql.query("SELECT * FROM lake.otel.metrics LIMIT 1", both);
    assertThat(none.rows()).isEmpty();
    assertThat(none.columns()).isEqualTo(some.columns());
    assertThat(sql.query("SELECT count(*) FROM c.s.empty UNION ALL SELECT count(*) FROM lake.otel.metrics", both)
        .rows()).containsExactly(List.of(0L), List.of(6L));
  }

  @Test
  void oddCharactersInTheTableLocation() {
    DeltaTable odd = tables.create(dir.resolve("it's a täble %20").toString(), TestSchemas.OTEL_METRICS, Map.of());
    odd.append(List.of(TestSchemas.sumPoint("n", 1, "u")));
    assertThat(odd.snapshot().files()).allSatisfy(f -> assertThat(Path.of(f)).exists());
    assertThat(sql.query("SELECT name FROM `c`.\"s\".odd", name -> odd.snapshot()).rows()).containsExactly(List.of("n"));
  }

  @Test
  void errorsCarryDuckDbsMessage() {
    assertThatThrownBy(() -> sql.query("SELECT nope FROM lake.otel.metrics", resolver))
        .isInstanceOf(SqlException.class).hasMessageContaining("nope").hasMessageNotContaining(".parquet");
    assertThatThrownBy(() -> sql.query("SELEC 1", resolver)).isInstanceOf(SqlException.class)
        .hasMessageContaining("syntax error");
    assertThatThrownBy(() -> sql.query("SELECT * FROM lake.otel.missing", resolver))
        .isInstanceOf(SqlException.class).hasMessage("Table or view not found: lake.otel.missing");
  }

  @Test
  void userSqlCannotTouchOtherFilesOrWrite() {
    String file = metrics.snapshot().files().getFirst();
    assertThatThrownBy(() -> sql.query("SELECT * FROM read_text('/etc/hostname')", resolver))
        .hasMessageStartingWith("Table function read_text cannot be used");
    // The sandbox may read the table's files, but only through the table's relation.
    assertThatThrownBy(() -> sql.query("SELECT * FROM lake.otel.metrics, read_parquet('" + file + "')", resolver))
        .hasMessageStartingWith("Table function read_parquet cannot be used");
    assertThatThrownBy(() -> sql.query("COPY (SELECT 1 AS x) TO '" + file + "' (USE_TMP_FILE false)", resolver))
        .hasMessage("Only SELECT queries can run here");
    assertThatThrownBy(() -> sql.query("SELECT 1; SELECT 2", resolver)).hasMessageContaining("one statement");
    assertThatThrownBy(() -> sql.query("SELECT 1 FROM lake.otel.metrics; SET enable_external_access = true", resolver))
        .hasMessage("Only SELECT queries can run here");
    assertThatThrownBy(() -> sql.query("SELECT * FROM query('COPY (SELECT 1) TO ''" + file + "''')", resolver))
        .isInstanceOf(SqlException.class);
    assertThat(metrics.read()).hasSize(6);
  }

  @Test
  void concurrentQueriesShareOneEngine() throws Exception {
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      var futures = java.util.stream.IntStream.range(0, 16).mapToObj(i -> pool.submit(() ->
          sql.query("SELECT count(*) + " + i + " FROM lake.otel.metrics", resolver).rows().getFirst().getFirst())).toList();
      for (int i = 0; i < futures.size(); i++) assertThat(futures.get(i).get()).isEqualTo(6L + i);
    }
  }

  @Test
  void rowLimitAndTimeout() {
    SqlEngine small = new SqlEngine(new SqlEngine.Options(3, Duration.ofMillis(300), "256MB", 1, 2));
    QueryResult r = small.query("SELECT * FROM range(10)", resolver);
    assertThat(r.rows()).hasSize(3);
    assertThat(r.truncated()).isTrue();
    long start = System.nanoTime();
    assertThatThrownBy(() -> small.query("SELECT count(*) FROM range(100000000000)", resolver))
        .hasMessageContaining("timeout");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  /** A result row; List.of refuses the nulls results have. */
  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
