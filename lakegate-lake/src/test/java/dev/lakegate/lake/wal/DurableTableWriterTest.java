package dev.lakegate.lake.wal;

import static dev.lakegate.lake.wal.WalRows.SCHEMA;
import static dev.lakegate.lake.wal.WalRows.ids;
import static dev.lakegate.lake.wal.WalRows.range;
import static dev.lakegate.lake.wal.WalRows.rows;
import static dev.lakegate.lake.wal.WalRows.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.delta.TestSchemas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableTableWriterTest {
  static final WalOptions MANUAL = WalOptions.DEFAULTS.withFlushInterval(Duration.ofHours(1));

  @TempDir Path dataDir;
  final DeltaTables tables = new DeltaTables();

  DeltaTable table() {
    return tables.create(dataDir.resolve("tables/usage").toString(), SCHEMA, Map.of());
  }

  Path walDir() {
    return dataDir.resolve("wal/usage");
  }

  @Test
  void rowsAreDurableInTheLogBeforeTheyAreVisible() throws Exception {
    DeltaTable table = table();
    try (DurableTableWriter writer = DurableTableWriter.open(table, dataDir, "usage", MANUAL)) {
      long seq = writer.write(rows(0, 3));

      SegmentScan scan = SegmentScan.read(segments(walDir()).getFirst(), 0);
      assertThat(scan.records()).extracting(WalRecord::seq).containsExactly(seq);
      assertThat(RowDecoder.decode(SCHEMA, scan.records().getFirst().payload(), 3)).isEqualTo(rows(0, 3));
      assertThat(table.read()).isEmpty();
      assertThat(writer.status().durableSequence()).isEqualTo(seq);
      assertThat(writer.status().uncommittedRows()).isEqualTo(3);

      writer.flush();
      assertThat(table.read()).containsExactlyInAnyOrderElementsOf(rows(0, 3));
      assertThat(writer.status().committedSequence()).isEqualTo(seq);
      assertThat(writer.status().uncommittedRows()).isZero();
    }
  }

  @Test
  void rowsBecomeVisibleWithinTheFlushIntervalWithoutAFlush() throws Exception {
    DeltaTable table = table();
    WalOptions options = WalOptions.DEFAULTS.withFlushInterval(Duration.ofMillis(300));
    try (DurableTableWriter writer = DurableTableWriter.open(table, dataDir, "usage", options)) {
      long start = System.nanoTime();
      writer.write(rows(0, 5));
      while (table.read().size() < 5 && System.nanoTime() - start < 10_000_000_000L) Thread.sleep(50);

      assertThat(ids(table.read())).isEqualTo(range(0, 5));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void batchesBySizeBeforeTheIntervalAndSplitsLargeBacklogs() {
    DeltaTable table = table();
    long v0 = table.snapshot().version();
    try (DurableTableWriter writer = DurableTableWriter.open(table, dataDir, "usage", MANUAL.withMaxBatch(10, 1 << 20))) {
      for (int i = 0; i < 25; i++) writer.write(rows(i, i + 1));
      writer.flush();

      assertThat(ids(table.read())).isEqualTo(range(0, 25));
      // 25 rows in batches of at most 10: three commits (more only if the committer raced the writes).
      assertThat(table.snapshot().version() - v0).isBetween(3L, 25L);
    }
  }

  @Test
  void closeCommitsWhatIsPendingAndLeavesNoSegments() {
    DeltaTable table = table();
    DurableTableWriter writer = DurableTableWriter.open(table, dataDir, "usage", MANUAL);
    writer.write(rows(0, 4));
    writer.write(rows(4, 7));
    writer.close();

    assertThat(ids(table.read())).isEqualTo(range(0, 7));
    assertThat(segments(walDir())).isEmpty();
    assertThatThrownBy(() -> writer.write(rows(7, 8))).isInstanceOf(IllegalStateException.class);
    try (DurableTableWriter again = DurableTableWriter.open(table, dataDir, "usage", MANUAL)) {
      again.flush();
    }
    assertThat(ids(table.read())).isEqualTo(range(0, 7));
  }

  @Test
  void backPressureAtTheBoundLiftsOnceCommitted() {
    DeltaTable table = table();
    WalOptions options = MANUAL.withMaxUncommitted(1 << 20, 10);
    try (DurableTableWriter writer = DurableTableWriter.open(table, dataDir, "usage", options)) {
      writer.write(rows(0, 10));

      assertThatThrownBy(() -> writer.write(rows(10, 11)))
          .isInstanceOfSatisfying(BackPressureException.class,
              e -> assertThat(e.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
      assertThatThrownBy(() -> writer.write(rows(0, 11))).isInstanceOf(IllegalArgumentException.class);

      writer.flush();
      writer.write(rows(10, 20));
      writer.flush();
      assertThat(ids(table.read())).isEqualTo(range(0, 20));
    }
  }

  @Test
  void otelMetricRowsGoThroughTheLogUnchanged() {
    DeltaTable metrics = tables.create(dataDir.resolve("tables/metrics").toString(), TestSchemas.OTEL_METRICS,
        Map.of("otel.schemaVersion", "v1"));
    List<Row> rows = new ArrayList<>(TestSchemas.otherPoints());
    rows.add(TestSchemas.sumPoint("claude_code.token.usage", 42.5, "alice"));
    try (DurableTableWriter writer = DurableTableWriter.open(metrics, dataDir, "metrics", MANUAL)) {
      writer.write(rows);
      writer.flush();
    }
    assertThat(metrics.read()).containsExactlyInAnyOrderElementsOf(rows);
  }

  @Test
  void refusesABadTableId() {
    DeltaTable table = table();
    assertThatThrownBy(() -> DurableTableWriter.open(table, dataDir, "../etc", MANUAL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("letters, digits");
  }
}
