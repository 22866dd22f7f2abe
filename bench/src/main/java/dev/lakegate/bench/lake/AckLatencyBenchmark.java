package dev.lakegate.bench.lake;

import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.wal.BackPressureException;
import dev.lakegate.lake.wal.DurableTableWriter;
import dev.lakegate.lake.wal.WalOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long {@code DurableTableWriter.write} takes to acknowledge under load: 16 threads, each
 * writing batches of 1–20 metrics rows back to back for the run's duration, while the committer
 * moves them into Delta in the background (default options). Baseline, measured in the same run
 * on the same filesystem just before: one thread appending 512 bytes to a file and calling
 * {@code FileChannel.force(false)} — the raw fsync latency an acknowledgement cannot beat.
 *
 * <p>Usage: {@code AckLatencyBenchmark [seconds]} (default 20; plus 3 s of warm-up).
 */
public final class AckLatencyBenchmark {
    static final int THREADS = 16;

    private AckLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path work = Files.createTempDirectory("lakegate-bench-ack-");
        try {
            run(work, seconds);
        } finally {
            BenchUtil.deleteRecursively(work);
        }
    }

    private static void run(Path work, int seconds) throws Exception {
        List<Row> pool = MetricRows.generate(50_000, 43);
        System.out.printf("Acknowledgement latency: %d threads × batches of 1–20 metrics rows for %d s; %d cores; %s; %s; %s%n%n",
                THREADS, seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                Files.getFileStore(work), BenchUtil.loadAverage());

        long[] fsync = fsyncLatencies(work.resolve("fsync.bin"), Math.max(3, seconds / 4));

        DeltaTable table = new DeltaTables().create(work.resolve("table").toString(), MetricRows.SCHEMA, MetricRows.PROPERTIES);
        try (DurableTableWriter writer = DurableTableWriter.open(table, work.resolve("data"), "bench-ack", WalOptions.DEFAULTS)) {
            load(writer, pool, 3); // warm-up
            Load l = load(writer, pool, seconds);
            long f0 = System.nanoTime();
            writer.flush();
            double flushMs = (System.nanoTime() - f0) / 1e6;
            long rows = BenchUtil.countRows(table.snapshot().files());

            long[] w = BenchUtil.sorted(l.latencies);
            long[] f = BenchUtil.sorted(fsync);
            System.out.println("| case | operations | ops/s | rows/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | ratio p50 | ratio p99 |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| baseline: 512 B write + force(false), 1 thread | %,d | %,.0f | – | %.2f | %.2f | %.2f | %.2f | %.2f | 1 | 1 |%n",
                    f.length, f.length / (Math.max(3, seconds / 4) * 1.0), BenchUtil.percentileMillis(f, 50),
                    BenchUtil.percentileMillis(f, 90), BenchUtil.percentileMillis(f, 99), BenchUtil.percentileMillis(f, 99.9),
                    f[f.length - 1] / 1e6);
            System.out.printf("| DurableTableWriter.write, %d threads × 1–20 rows | %,d | %,.0f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f |%n",
                    THREADS, w.length, w.length / l.seconds, l.rows / l.seconds, BenchUtil.percentileMillis(w, 50),
                    BenchUtil.percentileMillis(w, 90), BenchUtil.percentileMillis(w, 99), BenchUtil.percentileMillis(w, 99.9),
                    w[w.length - 1] / 1e6, BenchUtil.percentileMillis(w, 50) / BenchUtil.percentileMillis(f, 50),
                    BenchUtil.percentileMillis(w, 99) / BenchUtil.percentileMillis(f, 99));
            System.out.printf("%nBack-pressure rejections: %,d; final flush: %.0f ms; rows in the table afterwards: %,d"
                    + " (warm-up included); at the end: %s%n", l.pressure, flushMs, rows, BenchUtil.loadAverage());
        }
    }

    /** Latencies of a 512-byte append plus {@code force(false)}, one after the other, for {@code seconds}. */
    static long[] fsyncLatencies(Path file, int seconds) throws Exception {
        long[] out = new long[1 << 16];
        int n = 0;
        ByteBuffer b = ByteBuffer.allocateDirect(512);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            for (int i = 0; i < 50; i++) { // warm-up: allocation of the first blocks, JIT
                b.clear();
                ch.write(b);
                ch.force(false);
            }
            while (System.nanoTime() < end) {
                b.clear();
                long t0 = System.nanoTime();
                ch.write(b);
                ch.force(false);
                if (n == out.length) out = Arrays.copyOf(out, n * 2);
                out[n++] = System.nanoTime() - t0;
            }
        }
        return Arrays.copyOf(out, n);
    }

    record Load(long[] latencies, long rows, long pressure, double seconds) {}

    private static Load load(DurableTableWriter writer, List<Row> pool, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong rows = new AtomicLong();
        AtomicLong pressure = new AtomicLong();
        long[][] perThread = new long[THREADS][];
        int[] counts = new int[THREADS];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().name("ack-writer-" + t).start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                long[] lat = new long[1 << 14];
                int n = 0;
                while (System.nanoTime() < end) {
                    int size = random.nextInt(1, 21);
                    List<Row> batch = AppendBenchmark.slice(pool, random.nextInt(pool.size()), size);
                    long t0 = System.nanoTime();
                    try {
                        writer.write(batch);
                    } catch (BackPressureException e) {
                        pressure.incrementAndGet();
                        sleep(e.retryAfter().toMillis());
                        continue;
                    }
                    long took = System.nanoTime() - t0;
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = took;
                    rows.addAndGet(size);
                }
                perThread[id] = lat;
                counts[id] = n;
            }));
        }
        for (Thread t : threads) t.join();
        double took = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < THREADS; t++) {
            System.arraycopy(perThread[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        return new Load(all, rows.get(), pressure.get(), took);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
