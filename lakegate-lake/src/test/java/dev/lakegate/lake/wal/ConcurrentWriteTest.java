package dev.lakegate.lake.wal;

import static dev.lakegate.lake.wal.WalRows.SCHEMA;
import static dev.lakegate.lake.wal.WalRows.ids;
import static dev.lakegate.lake.wal.WalRows.range;
import static dev.lakegate.lake.wal.WalRows.rows;
import static dev.lakegate.lake.wal.WalRows.segments;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWriteTest {
  @TempDir Path dataDir;

  @Test
  void eightThreadsWithCommitsRolloversAndDeletionsStoreEveryRowOnce() throws Exception {
    DeltaTable table = new DeltaTables().create(dataDir.resolve("tables/usage").toString(), SCHEMA, Map.of());
    long v0 = table.snapshot().version();
    Path walDir = dataDir.resolve("wal/usage");
    WalOptions options = WalOptions.DEFAULTS.withFlushInterval(Duration.ofMillis(100)).withMaxBatch(400, 1 << 20)
        .withSegmentBytes(4096);
    int threads = 8;
    int writesPerThread = 100;
    int rowsPerWrite = 3;
    var sequences = ConcurrentHashMap.<Long>newKeySet();
    int maxSegments = 0;
    try (DurableTableWriter writer = DurableTableWriter.open(table, dataDir, "usage", options);
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long base = (long) t * writesPerThread * rowsPerWrite;
        done.add(pool.submit(() -> {
          for (int i = 0; i < writesPerThread; i++) {
            long from = base + (long) i * rowsPerWrite;
            sequences.add(writer.write(rows(from, from + rowsPerWrite)));
          }
        }));
      }
      while (done.stream().anyMatch(f -> !f.isDone())) {
        maxSegments = Math.max(maxSegments, segments(walDir).size());
        Thread.sleep(5);
      }
      for (Future<?> f : done) f.get();
      writer.flush();
      assertThat(segments(walDir)).as("committed segments are deleted").hasSizeLessThanOrEqualTo(1);
    }

    int total = threads * writesPerThread * rowsPerWrite;
    assertThat(sequences).hasSize(threads * writesPerThread);
    assertThat(ids(table.read())).isEqualTo(range(0, total));
    assertThat(table.snapshot().version() - v0).as("several batched commits").isBetween(2L, (long) total);
    assertThat(maxSegments).as("the log rolled segments").isGreaterThan(1);
    assertThat(segments(walDir)).isEmpty();
  }
}
