package dev.lakegate.lake.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints what group commit buys: 8 threads of small appends, shared fsyncs vs one fsync each. Asserts no timing. */
class GroupCommitBenchmarkTest {
  static final int THREADS = 8;
  static final int APPENDS_PER_THREAD = 250;

  @TempDir Path dir;

  @Test
  void groupCommitVersusAnFsyncPerAppend() throws Exception {
    Result perAppend = run(dir.resolve("single"), 1);
    Result grouped = run(dir.resolve("group"), WriteAheadLog.MAX_GROUP);

    System.out.printf("WAL %d threads x %d one-row appends: fsync per append %,.0f appends/s (%d fsyncs, p50 %.2f ms);"
            + " group commit %,.0f appends/s (%d fsyncs, %.1f appends per fsync, p50 %.2f ms); speed-up %.1fx%n",
        THREADS, APPENDS_PER_THREAD, perAppend.rate(), perAppend.fsyncs(), perAppend.p50Millis(), grouped.rate(),
        grouped.fsyncs(), (double) THREADS * APPENDS_PER_THREAD / grouped.fsyncs(), grouped.p50Millis(),
        grouped.rate() / perAppend.rate());
    assertThat(perAppend.fsyncs()).isEqualTo(THREADS * APPENDS_PER_THREAD);
    assertThat(grouped.sequences()).isEqualTo(THREADS * APPENDS_PER_THREAD);
  }

  record Result(double rate, long fsyncs, double p50Millis, int sequences) {}

  private static Result run(Path dir, int maxGroup) throws Exception {
    WriteAheadLog wal = WriteAheadLog.open(dir, WalRows.SCHEMA, WalOptions.DEFAULTS, r -> {}, () -> Duration.ZERO, maxGroup);
    wal.append(WalRows.rows(0, 1)); // warm up: segment creation, class loading
    long fsyncsBefore = wal.fsyncs();
    var seqs = ConcurrentHashMap.<Long>newKeySet();
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int base = t * APPENDS_PER_THREAD;
        done.add(pool.submit(() -> {
          for (int i = 0; i < APPENDS_PER_THREAD; i++) {
            long t0 = System.nanoTime();
            seqs.add(wal.append(WalRows.rows(base + i, base + i + 1)));
            latencies.add(System.nanoTime() - t0);
          }
        }));
      }
      for (Future<?> f : done) f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long fsyncs = wal.fsyncs() - fsyncsBefore;
    wal.close();
    List<Long> sorted = latencies.stream().sorted().toList();
    return new Result(THREADS * APPENDS_PER_THREAD / seconds, fsyncs, sorted.get(sorted.size() / 2) / 1e6, seqs.size());
  }
}
