package dev.lakegate.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.TableSnapshot;
import dev.lakegate.lake.query.QueryResult;
import dev.lakegate.lake.query.SqlEngine;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deliverable 2: Spark accepts the SPEC §5 DDL verbatim, and the table it makes has exactly the
 * schema Lakegate's parser makes of the same text. The statement is run as printed (trailing
 * semicolon included) with only its placeholder name replaced, three ways:
 *
 * <ul>
 *   <li>{@code MANAGED}: {@code spark_catalog.default.lg_otel_x} — three-part, in Spark's session
 *       catalog (Delta's catalog), stored in the warehouse;
 *   <li>{@code PATH}: {@code delta.`/path`} — no catalog at all, the table is its directory;
 *   <li>{@code EXTERNAL}: a three-part name plus {@code LOCATION '/path'} before
 *       {@code TBLPROPERTIES}, i.e. SPEC §6's external-table form.
 * </ul>
 *
 * Each resulting table must carry {@code otel.schemaVersion = v1}, and Lakegate (Kernel) must
 * open it with the parsed schema, exactly (field metadata included), the plain layout its SQL
 * needs (no partitions, no column mapping), and answer {@code count(*) = 0} through DuckDB.
 */
class SparkAcceptsSpecDdlTest {
  enum Naming { MANAGED, PATH, EXTERNAL }

  private static final long STARTED = System.nanoTime();

  @TempDir static Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(OtelTable.class)
  void sparkRunsTheSpecDdlVerbatim(OtelTable otel) {
    SparkSession spark = Spark.session();
    NewTable parsed = otel.parsed();
    String expectedSchema = Values.describe(Values.toSpark(parsed.columns()));
    DeltaTables tables = new DeltaTables();

    for (Naming naming : Naming.values()) {
      long t0 = System.nanoTime();
      Path location = dir.resolve(naming.name().toLowerCase() + "_" + otel.signal);
      String name = switch (naming) {
        case MANAGED -> "spark_catalog.default.lg_otel_" + otel.signal;
        case PATH -> Spark.deltaPath(location);
        case EXTERNAL -> "spark_catalog.default.lg_ext_otel_" + otel.signal;
      };
      String ddl = otel.ddlNamed(name);
      if (naming == Naming.EXTERNAL) {
        int at = ddl.indexOf(") USING DELTA TBLPROPERTIES");
        assertThat(at).as("SPEC DDL shape").isPositive();
        ddl = ddl.substring(0, at) + ") USING DELTA LOCATION '" + location + "' TBLPROPERTIES" + ddl.substring(at + ") USING DELTA TBLPROPERTIES".length());
      } else {
        assertThat(ddl.replace(name, "<catalog>.<schema>.<table_prefix>_otel_" + otel.signal)).as("verbatim").isEqualTo(otel.specDdl());
      }
      spark.sql(ddl);

      String what = otel.signal + " " + naming;
      assertThat(Values.describe(spark.table(name).schema())).as("Spark's schema of " + what).isEqualTo(expectedSchema);
      org.apache.spark.sql.Row detail = spark.sql("DESCRIBE DETAIL " + name).first();
      Map<String, String> properties = detail.getJavaMap(detail.fieldIndex("properties"));
      assertThat(properties).as("properties of " + what).containsEntry("otel.schemaVersion", "v1");
      assertThat(detail.<String>getAs("format")).isEqualTo("delta");
      String where = detail.getAs("location");
      if (naming != Naming.MANAGED) assertThat(Path.of(URI.create(where))).isEqualTo(location);

      TableSnapshot snapshot = tables.open(where).snapshot();
      assertThat(snapshot.schema()).as("Kernel's schema of Spark's " + what).isEqualTo(parsed.columns());
      assertThat(snapshot.properties()).containsEntry("otel.schemaVersion", "v1");
      assertThat(snapshot.files()).isEmpty();
      QueryResult count = new SqlEngine().query("SELECT count(*) AS n FROM main.telemetry.t", n -> snapshot);
      assertThat(count.rows()).isEqualTo(List.of(List.of(0L)));
      System.out.printf("compat: Spark ran the SPEC %s DDL (%s) in %d ms%n", otel.signal, naming, Spark.millisSince(t0));
    }
  }

  @AfterAll
  static void timing() {
    System.out.printf("compat: %s took %d ms (%d ms since the test JVM started)%n",
        SparkAcceptsSpecDdlTest.class.getSimpleName(), Spark.millisSince(STARTED), Spark.elapsedMillis());
  }
}
