package dev.lakegate.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of this module (Spark allows one active SparkContext per JVM, and starting
 * it is most of this module's run time). Local, two threads, no UI, Delta's SQL extension and
 * catalog, an in-memory catalog over a warehouse under {@code target/}.
 */
final class Spark {
  private static SparkSession session;

  private Spark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      long t0 = System.nanoTime();
      Path base = Path.of("target", "compat-spark").toAbsolutePath();
      deleteRecursively(base);
      session = SparkSession.builder()
          .master("local[2]")
          .appName("lakegate-compat")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .config("spark.sql.catalogImplementation", "in-memory")
          .config("spark.sql.warehouse.dir", base.resolve("warehouse").toString())
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.session.timeZone", "UTC")
          // The OTel schemas are wide: keep plan strings whole (and Spark from warning about it).
          .config("spark.sql.debug.maxToStringFields", "1000")
          // Delta replays its log with 50 partitions by default: far too many for tiny tables.
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .getOrCreate();
      System.out.printf("compat: SparkSession %s up in %d ms%n", session.version(), millisSince(t0));
    }
    return session;
  }

  /** Milliseconds since the test JVM started: the module's run time so far. */
  static long elapsedMillis() {
    return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /** A Spark SQL path identifier: {@code delta.`/abs/path`}. */
  static String deltaPath(Path dir) {
    return "delta.`" + dir.toAbsolutePath().toString().replace("`", "``") + "`";
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
