package dev.lakegate.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.delta.AppendResult;
import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.delta.TableSnapshot;
import dev.lakegate.lake.query.QueryResult;
import dev.lakegate.lake.query.SqlEngine;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliverable 3: Lakegate reads a table Spark wrote. Spark creates the SPEC spans table from the
 * verbatim DDL ({@code delta.`/path`}), then commits rows 11 times — two SQL
 * {@code INSERT … VALUES} statements with typed literals and nine DataFrame appends — so Spark
 * also writes a checkpoint (version 10) that Kernel has to read. Then:
 *
 * <ul>
 *   <li>Lakegate's {@link DeltaTable#read} (Kernel's read path) returns exactly the rows given to
 *       Spark (and Spark's own read returns them too, so a mismatch is located), also from a copy
 *       without the JSON commits before Spark's checkpoint;
 *   <li>{@link SqlEngine} (DuckDB over the snapshot's Parquet files) answers an aggregate query —
 *       counts, distinct counts, sums, min/max of longs and strings, struct fields, grouping with
 *       NULL groups — exactly as Spark answers the same SQL;
 *   <li>Lakegate appends one more commit to Spark's table and Spark reads all rows.
 * </ul>
 */
class LakegateReadsSparkTablesTest {
  private static final long STARTED = System.nanoTime();
  private static final OtelTable OTEL = OtelTable.SPANS;

  static final String QUERY = """
      SELECT kind,
             count(*) AS spans,
             count(parent_span_id) AS with_parent,
             count(DISTINCT trace_id) AS traces,
             sum(dropped_attributes_count) AS dropped_attributes,
             sum(dropped_events_count) AS dropped_events,
             min(start_time_unix_nano) AS first_start,
             max(end_time_unix_nano) AS last_end,
             count(status.code) AS with_status,
             min(status.message) AS min_message,
             max(name) AS max_name,
             count(*) FILTER (WHERE flags > 0) AS flagged
      FROM %s
      GROUP BY kind
      ORDER BY kind NULLS FIRST""";

  @TempDir static Path dir;

  @Test
  void lakegateReadsWhatSparkWrote() throws IOException {
    SparkSession spark = Spark.session();
    long t0 = System.nanoTime();
    StructType schema = OTEL.parsed().columns();
    Path path = dir.resolve("spark_otel_spans");
    String table = Spark.deltaPath(path);
    spark.sql(OTEL.ddlNamed(table));

    RowGenerator generator = new RowGenerator(OTEL, schema, 7L);
    List<Row> written = new ArrayList<>();
    for (int commit = 1; commit <= 2; commit++) {
      List<Row> batch = generator.rows(6);
      List<String> tuples = batch.stream().map(r -> Values.sqlTuple(r, schema)).toList();
      spark.sql("INSERT INTO " + table + " VALUES\n" + String.join(",\n", tuples));
      written.addAll(batch);
    }
    org.apache.spark.sql.types.StructType sparkSchema = Values.toSpark(schema);
    for (int commit = 3; commit <= 11; commit++) {
      List<Row> batch = generator.rows(20);
      spark.createDataFrame(batch.stream().map(r -> Values.toSparkRow(r, schema)).toList(), sparkSchema)
          .coalesce(1).write().format("delta").mode("append").save(path.toString());
      written.addAll(batch);
    }
    long wrote = Spark.millisSince(t0);
    assertThat(Coverage.of(schema, written).gaps(Set.of(OTEL.keyColumn))).as("what the rows exercise").isEmpty();
    assertThat(DeltaDirs.checkpoints(path)).as("Spark's checkpoints").isNotEmpty();
    Map<String, Row> expected = Values.byKey(written, schema, OTEL.keyColumn);

    // Spark's own view first: what it wrote is what it was given.
    List<Row> sparkRead = spark.read().format("delta").load(path.toString()).collectAsList().stream()
        .map(r -> Values.fromSparkRow(r, schema)).toList();
    assertThat(Values.diff(schema, expected, Values.byKey(sparkRead, schema, OTEL.keyColumn), 20)).as("Spark's read").isEmpty();

    // Lakegate through Kernel.
    long t1 = System.nanoTime();
    DeltaTables tables = new DeltaTables();
    DeltaTable lake = tables.open(path.toString());
    TableSnapshot snapshot = lake.snapshot();
    assertThat(snapshot.version()).isEqualTo(11);
    assertThat(snapshot.schema()).isEqualTo(schema);
    assertThat(snapshot.properties()).containsEntry("otel.schemaVersion", "v1");
    List<Row> lakeRead = lake.read();
    assertThat(lakeRead).hasSize(written.size());
    assertThat(Values.diff(schema, expected, Values.byKey(lakeRead, schema, OTEL.keyColumn), 20)).as("Lakegate's read").isEmpty();
    long checkpoint = DeltaDirs.checkpoints(path).getLast();
    Path trimmed = DeltaDirs.copyFromCheckpoint(path, dir.resolve("spark_otel_spans_from_checkpoint"), checkpoint);
    assertThat(Values.diff(schema, expected, Values.byKey(tables.open(trimmed.toString()).read(), schema, OTEL.keyColumn), 20))
        .as("Lakegate's read via Spark's checkpoint " + checkpoint).isEmpty();

    // The same SQL on both engines.
    QueryResult duck = new SqlEngine().query(QUERY.formatted("main.telemetry.spans"), n -> snapshot);
    List<List<String>> lakeAnswer = duck.rows().stream().map(r -> r.stream().map(Values::cell).toList()).toList();
    List<List<String>> sparkAnswer = spark.sql(QUERY.formatted(table)).collectAsList().stream()
        .map(r -> {
          List<String> cells = new ArrayList<>();
          for (int i = 0; i < r.length(); i++) cells.add(Values.cell(r.get(i)));
          return cells;
        }).toList();
    assertThat(lakeAnswer).as("SqlEngine vs Spark").isEqualTo(sparkAnswer);
    assertThat(sparkAnswer.size()).as("groups").isGreaterThan(2);
    assertThat(duck.columns().stream().map(QueryResult.Column::name).toList())
        .containsExactly("kind", "spans", "with_parent", "traces", "dropped_attributes", "dropped_events",
            "first_start", "last_end", "with_status", "min_message", "max_name", "flagged");
    long read = Spark.millisSince(t1);

    // And back: Lakegate appends to Spark's table; Spark sees every row.
    List<Row> more = generator.rows(10);
    AppendResult appended = lake.append(more, "compat-lakegate", 1);
    assertThat(appended).isInstanceOf(AppendResult.Committed.class);
    written.addAll(more);
    List<Row> sparkAgain = spark.read().format("delta").load(path.toString()).collectAsList().stream()
        .map(r -> Values.fromSparkRow(r, schema)).toList();
    assertThat(Values.diff(schema, Values.byKey(written, schema, OTEL.keyColumn), Values.byKey(sparkAgain, schema, OTEL.keyColumn), 20))
        .as("Spark's read after Lakegate's append").isEmpty();
    System.out.printf("compat: Spark wrote %d spans in 12 commits in %d ms; Lakegate read them and matched Spark's SQL in %d ms%n",
        written.size() - more.size(), wrote, read);
  }

  @AfterAll
  static void timing() {
    System.out.printf("compat: %s took %d ms (%d ms since the test JVM started)%n",
        LakegateReadsSparkTablesTest.class.getSimpleName(), Spark.millisSince(STARTED), Spark.elapsedMillis());
  }
}
