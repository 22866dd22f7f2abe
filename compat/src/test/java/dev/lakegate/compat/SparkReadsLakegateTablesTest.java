package dev.lakegate.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.delta.AppendResult;
import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.delta.TableSnapshot;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deliverable 1: Apache Spark (Delta Lake 4.2) reads the tables Lakegate writes through Delta
 * Kernel. For each SPEC §5 table: Lakegate creates it from the schema and properties its own
 * parser makes of the SPEC DDL, appends rows covering every type, nesting level and nullable
 * position in 15 idempotent commits (so Kernel writes a checkpoint at version 10 and Spark has to
 * read checkpoint + JSON tail), then Spark must report the same schema (names, types,
 * nullability down to array elements and map values), table property, version, file count and
 * exactly the same values, row by row — also from a copy whose JSON commits before the
 * checkpoint are gone, so that only Kernel's checkpoint can tell Spark about the older files.
 */
class SparkReadsLakegateTablesTest {
  static final int COMMITS = 15;
  static final int ROWS_PER_COMMIT = 12;
  private static final long STARTED = System.nanoTime();

  @TempDir static Path dir;

  @ParameterizedTest
  @EnumSource(OtelTable.class)
  void sparkReadsWhatLakegateWrote(OtelTable otel) throws IOException {
    NewTable ddl = otel.parsed();
    StructType schema = ddl.columns();
    assertThat(ddl.properties()).containsEntry("otel.schemaVersion", "v1");

    Path path = dir.resolve("lakegate_otel_" + otel.signal);
    DeltaTables tables = new DeltaTables();
    DeltaTable table = tables.create(path.toString(), schema, ddl.properties());
    RowGenerator generator = new RowGenerator(otel, schema, 20_260_101L + otel.ordinal());
    List<Row> written = new ArrayList<>();
    for (int commit = 1; commit <= COMMITS; commit++) {
      List<Row> batch = generator.rows(ROWS_PER_COMMIT);
      AppendResult result = table.append(batch, "compat-" + otel.signal, commit);
      assertThat(result).isInstanceOf(AppendResult.Committed.class);
      assertThat(((AppendResult.Committed) result).version()).isEqualTo(commit);
      written.addAll(batch);
    }
    assertThat(written.size()).isGreaterThanOrEqualTo(generator.cycle());
    Coverage coverage = Coverage.of(schema, written);
    Set<String> exempt = otel == OtelTable.METRICS ? Set.of(otel.keyColumn, "metric_type") : Set.of(otel.keyColumn);
    assertThat(coverage.gaps(exempt)).as("what the " + otel.signal + " rows exercise (" + coverage.positions() + " positions)").isEmpty();
    if (otel == OtelTable.METRICS) assertOneMetricStructPerRow(schema, written);
    assertThat(DeltaDirs.log(path)).as("Kernel's checkpoint in _delta_log").anyMatch(f -> f.endsWith(".checkpoint.parquet"));
    List<Long> checkpoints = DeltaDirs.checkpoints(path);

    // Kernel reads its own rows back: if this fails, the bug is Lakegate's, not an incompatibility.
    Map<String, Row> expected = Values.byKey(written, schema, otel.keyColumn);
    assertThat(Values.diff(schema, expected, Values.byKey(table.read(), schema, otel.keyColumn), 20))
        .as("Lakegate's own read of " + otel.signal).isEmpty();

    SparkSession spark = Spark.session();
    long t0 = System.nanoTime();
    Dataset<org.apache.spark.sql.Row> df = spark.read().format("delta").load(path.toString());
    assertThat(Values.describe(df.schema())).as("schema Spark reads").isEqualTo(Values.describe(Values.toSpark(schema)));
    List<org.apache.spark.sql.Row> collected = df.collectAsList();
    assertThat(collected).hasSize(written.size());
    List<Row> read = collected.stream().map(r -> Values.fromSparkRow(r, schema)).toList();
    assertThat(Values.diff(schema, expected, Values.byKey(read, schema, otel.keyColumn), 20))
        .as("values Spark reads from " + otel.signal).isEmpty();
    assertThat(df.count()).isEqualTo(written.size());

    TableSnapshot snapshot = table.snapshot();
    org.apache.spark.sql.Row detail = spark.sql("DESCRIBE DETAIL " + Spark.deltaPath(path)).first();
    Map<String, String> properties = detail.getJavaMap(detail.fieldIndex("properties"));
    assertThat(properties).containsEntry("otel.schemaVersion", "v1");
    assertThat(detail.<Object>getAs("numFiles")).isEqualTo((long) snapshot.files().size());
    assertThat(detail.getList(detail.fieldIndex("partitionColumns"))).isEmpty();
    long sparkVersion = spark.sql("DESCRIBE HISTORY " + Spark.deltaPath(path)).selectExpr("max(version)").first().getLong(0);
    assertThat(sparkVersion).isEqualTo(snapshot.version()).isEqualTo(COMMITS);

    // Only through Kernel's checkpoint: the same table with the JSON commits before it removed.
    long checkpoint = checkpoints.getLast();
    Path trimmed = DeltaDirs.copyFromCheckpoint(path, dir.resolve(path.getFileName() + "_from_checkpoint"), checkpoint);
    List<Row> fromCheckpoint = spark.read().format("delta").load(trimmed.toString()).collectAsList().stream()
        .map(r -> Values.fromSparkRow(r, schema)).toList();
    assertThat(Values.diff(schema, expected, Values.byKey(fromCheckpoint, schema, otel.keyColumn), 20))
        .as("values Spark reads via Kernel's checkpoint " + checkpoint).isEmpty();
    System.out.printf("compat: Spark read Lakegate's %s table (%d rows, %d commits, checkpoint) in %d ms%n",
        otel.signal, written.size(), COMMITS, Spark.millisSince(t0));
  }

  /** SPEC §5: exactly one of the metric structs is set per row, the one {@code metric_type} names. */
  private static void assertOneMetricStructPerRow(StructType schema, List<Row> rows) {
    Set<String> typesSeen = new TreeSet<>();
    for (Row r : rows) {
      List<String> set = RowGenerator.METRIC_TYPES.stream().filter(t -> r.get(schema.indexOf(t)) != null).toList();
      assertThat(set).as("metric structs set in " + r.get(0)).containsExactly((String) r.get(schema.indexOf("metric_type")));
      typesSeen.addAll(set);
    }
    assertThat(typesSeen).containsExactlyInAnyOrderElementsOf(RowGenerator.METRIC_TYPES);
  }

  @AfterAll
  static void timing() {
    System.out.printf("compat: %s took %d ms (%d ms since the test JVM started)%n",
        SparkReadsLakegateTablesTest.class.getSimpleName(), Spark.millisSince(STARTED), Spark.elapsedMillis());
  }
}
