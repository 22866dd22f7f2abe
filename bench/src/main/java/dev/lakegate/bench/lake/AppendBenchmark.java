package dev.lakegate.bench.lake;

import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.delta.TableSnapshot;
import dev.lakegate.lake.wal.BackPressureException;
import dev.lakegate.lake.wal.DurableTableWriter;
import dev.lakegate.lake.wal.WalOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Append throughput into the SPEC §5 metrics table, in rows per second:
 *
 * <ul>
 *   <li><b>direct</b>: {@code DeltaTable.append} of 10k- and 50k-row batches (Parquet + Delta commit),
 *       one after the other, from one thread;
 *   <li><b>baselines</b>, measured in the same run: (1) <i>raw I/O</i>, the same byte volume in the
 *       same number of files written with a {@code FileChannel} and fsynced once per batch: the
 *       disk's floor for these Parquet bytes; (2) <i>DuckDB re-encode</i>, DuckDB ({@code COPY …
 *       TO} Parquet, same 2 threads) reading the files the append wrote and writing the same rows as
 *       Parquet again: what a native columnar engine needs for these nested rows;
 *   <li><b>end to end</b>: 4 threads writing 500-row batches (an OTLP exporter's batch) through
 *       {@code DurableTableWriter} with default options, timed until {@code flush()} returned and a
 *       new snapshot lists every row (counted afterwards).
 * </ul>
 *
 * <p>Usage: {@code AppendBenchmark [rows-per-case]} (default 500,000).
 */
public final class AppendBenchmark {
    private AppendBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rowsPerCase = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        Path work = Files.createTempDirectory("lakegate-bench-append-");
        try {
            run(work, rowsPerCase);
        } finally {
            BenchUtil.deleteRecursively(work);
        }
    }

    record Direct(int batch, int appends, long rows, double seconds, long bytes, int files, double p50Ms, double maxMs) {
        double rate() {
            return rows / seconds;
        }
    }

    private static void run(Path work, int rowsPerCase) throws Exception {
        DeltaTables tables = new DeltaTables();
        long g0 = System.nanoTime();
        List<Row> pool = MetricRows.generate(100_000, 42);
        System.out.printf("Append benchmark: SPEC §5 metrics rows (sum point, 6 attributes, 5 resource attributes, scope);"
                        + " %,d rows per case; %d cores; %s; %s; generated a pool of %,d rows in %.1f s%n%n", rowsPerCase,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), BenchUtil.loadAverage(),
                pool.size(), (System.nanoTime() - g0) / 1e9);

        // Warm-up: JIT, Kernel and Parquet class loading.
        DeltaTable warm = tables.create(work.resolve("warmup").toString(), MetricRows.SCHEMA, MetricRows.PROPERTIES);
        for (int i = 0; i < 10; i++) warm.append(slice(pool, i * 20_000L, 20_000), "warmup", i + 1);

        // The fixed cost of one append: snapshot, transaction, one small Parquet file, commit, hooks.
        Direct one = direct(tables, work.resolve("direct-1"), pool, 1, 30);
        System.out.printf("Fixed cost of an append (30 appends of 1 row): p50 %.0f ms, max %.0f ms%n%n", one.p50Ms, one.maxMs);

        List<Direct> directs = new ArrayList<>();
        System.out.println("| case | batch rows | appends | rows/s | baseline: raw I/O rows/s | ratio | baseline: DuckDB re-encode rows/s | ratio | Parquet bytes/row | p50 / max ms per append |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int batch : new int[] {10_000, 50_000}) {
            Direct d = direct(tables, work.resolve("direct-" + batch), pool, batch, rowsPerCase);
            directs.add(d);
            double raw = d.rows / rawWrite(work.resolve("raw-" + batch), d.appends, d.bytes);
            double duck = d.rows / duckReencode(tables.open(work.resolve("direct-" + batch).toString()).snapshot(),
                    work.resolve("duck-" + batch + ".parquet"));
            System.out.printf("| direct append | %,d | %d | %,.0f | %,.0f | %.3f | %,.0f | %.2f | %.0f | %.0f / %.0f |%n",
                    batch, d.appends, d.rate(), raw, d.rate() / raw, duck, d.rate() / duck, (double) d.bytes / d.rows,
                    d.p50Ms, d.maxMs);
        }

        EndToEnd e = endToEnd(tables, work, pool, rowsPerCase);
        Direct base = directs.getLast();
        System.out.printf("%n| case | writers × batch | rows | acknowledged rows/s | visible rows/s | baseline: direct 50k appends rows/s | ratio (visible / direct) | Delta commits | back-pressure rejections | WAL bytes/row |%n");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        System.out.printf("| DurableTableWriter end to end | %d × %d | %,d | %,.0f | %,.0f | %,.0f | %.2f | %d | %,d | %.0f |%n",
                EndToEnd.WRITERS, EndToEnd.BATCH, e.rows, e.rows / e.ackSeconds, e.rows / e.visibleSeconds, base.rate(),
                e.rows / e.visibleSeconds / base.rate(), e.commits, e.pressure, e.walBytesPerRow);
        System.out.println("\nAt the end: " + BenchUtil.loadAverage());
    }

    private static Direct direct(DeltaTables tables, Path location, List<Row> pool, int batch, int rowsPerCase) {
        DeltaTable table = tables.create(location.toString(), MetricRows.SCHEMA, MetricRows.PROPERTIES);
        int appends = Math.max(1, rowsPerCase / batch);
        long[] times = new long[appends];
        long start = System.nanoTime();
        for (int i = 0; i < appends; i++) {
            long t0 = System.nanoTime();
            table.append(slice(pool, (long) i * batch, batch), "bench", i + 1);
            times[i] = System.nanoTime() - t0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TableSnapshot s = table.snapshot();
        long[] sorted = BenchUtil.sorted(times);
        return new Direct(batch, appends, (long) appends * batch, seconds, BenchUtil.size(s.files()), s.files().size(),
                BenchUtil.percentileMillis(sorted, 50), sorted[sorted.length - 1] / 1e6);
    }

    /** Seconds to write {@code bytes} as {@code files} files through a FileChannel, one fsync per file. */
    private static double rawWrite(Path dir, int files, long bytes) throws Exception {
        Files.createDirectories(dir);
        ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
        byte[] random = new byte[1 << 20];
        new Random(7).nextBytes(random); // incompressible, like compressed Parquet pages
        chunk.put(random).flip();
        long perFile = bytes / files;
        long start = System.nanoTime();
        for (int i = 0; i < files; i++) {
            try (FileChannel ch = FileChannel.open(dir.resolve("part-" + i + ".bin"), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                for (long left = perFile; left > 0; ) {
                    chunk.clear().limit((int) Math.min(chunk.capacity(), left));
                    while (chunk.hasRemaining()) left -= ch.write(chunk);
                }
                ch.force(true);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds DuckDB (2 threads) takes to read the table's files and write the same rows as one Parquet file. */
    private static double duckReencode(TableSnapshot s, Path out) throws Exception {
        Properties p = new Properties();
        p.setProperty("threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:", p); Statement st = c.createStatement()) {
            long start = System.nanoTime();
            st.execute("COPY (SELECT * FROM " + BenchUtil.readParquet(s.files()) + ") TO '" + out + "' (FORMAT parquet)");
            return (System.nanoTime() - start) / 1e9;
        }
    }

    record EndToEnd(long rows, double ackSeconds, double visibleSeconds, long commits, long pressure, double walBytesPerRow) {
        static final int WRITERS = 4;
        static final int BATCH = 500;
    }

    private static EndToEnd endToEnd(DeltaTables tables, Path work, List<Row> pool, int rows) throws Exception {
        DeltaTable table = tables.create(work.resolve("wal-table").toString(), MetricRows.SCHEMA, MetricRows.PROPERTIES);
        long version0 = table.snapshot().version();
        int perWriter = rows / EndToEnd.WRITERS / EndToEnd.BATCH;
        long total = (long) perWriter * EndToEnd.BATCH * EndToEnd.WRITERS;
        AtomicLong pressure = new AtomicLong();
        AtomicLong maxBytes = new AtomicLong();
        AtomicLong maxRows = new AtomicLong();
        long start;
        double ack;
        double visible;
        try (DurableTableWriter writer = DurableTableWriter.open(table, work.resolve("wal-data"), "bench-metrics",
                WalOptions.DEFAULTS)) {
            writer.write(slice(pool, 0, 10)); // warm-up of the log path (segment creation)
            writer.flush();
            start = System.nanoTime();
            try (ExecutorService threads = Executors.newFixedThreadPool(EndToEnd.WRITERS)) {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < EndToEnd.WRITERS; w++) {
                    int id = w;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < perWriter; i++) {
                            List<Row> batch = slice(pool, ((long) i * EndToEnd.WRITERS + id) * EndToEnd.BATCH, EndToEnd.BATCH);
                            while (true) {
                                try {
                                    writer.write(batch);
                                    break;
                                } catch (BackPressureException e) {
                                    pressure.incrementAndGet();
                                    Thread.sleep(50); // a client retrying quickly, not after Retry-After
                                }
                            }
                            if (i % 16 == 0) { // the log's encoded size per row, sampled
                                var st = writer.status();
                                synchronized (maxRows) {
                                    if (st.uncommittedRows() > maxRows.get()) {
                                        maxRows.set(st.uncommittedRows());
                                        maxBytes.set(st.uncommittedBytes());
                                    }
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            }
            ack = (System.nanoTime() - start) / 1e9;
            writer.flush();
            TableSnapshot s = table.snapshot(); // a reader's fresh snapshot lists every row now
            visible = (System.nanoTime() - start) / 1e9;
            long counted = BenchUtil.countRows(s.files());
            if (counted != total + 10) throw new IllegalStateException("expected " + (total + 10) + " rows, found " + counted);
            long commits = s.version() - version0 - 1;
            double bytesPerRow = maxRows.get() > 0 ? (double) maxBytes.get() / maxRows.get() : Double.NaN;
            return new EndToEnd(total, ack, visible, commits, pressure.get(), bytesPerRow);
        }
    }

    /** {@code n} rows of the pool from {@code offset}, wrapping around. */
    static List<Row> slice(List<Row> pool, long offset, int n) {
        int from = (int) (offset % pool.size());
        if (from + n <= pool.size()) return pool.subList(from, from + n);
        List<Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(pool.get((from + i) % pool.size()));
        return out;
    }
}
