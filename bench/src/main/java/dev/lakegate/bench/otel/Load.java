package dev.lakegate.bench.otel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Export load, the same for every target (the gateway, the HTTP floor, a direct writer). Closed loop
 * ({@link #saturate}): each exporter sends its next batch as soon as the last was acknowledged. Open loop
 * ({@link #openLoop}): batches start on a fixed schedule whatever the answers, and latency counts from
 * the scheduled start, so a stall shows up in every export it delays.
 *
 * <p>A refusal for back-pressure (503, {@code BackPressureException}) is counted and the same batch is
 * sent again after 100 ms: an exporter retrying quickly keeps the pressure on. Any other failure stops
 * the run.
 */
final class Load {
    static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    /** Sends batch {@code i} of a pool; thread-safe. */
    interface Exporter extends AutoCloseable {
        /** @return false when refused for back-pressure */
        boolean export(int i) throws Exception;

        @Override
        default void close() {}
    }

    /** @param latencies per acknowledged batch, nanoseconds */
    record Result(long batches, long rejected, double seconds, long[] latencies) {}

    private Load() {}

    /**
     * OTLP/HTTP exporters over {@code java.net.http} (HTTP/1.1, protobuf), each with its own client as
     * each agent process has; any status but 200 and 503 fails the run.
     */
    static Exporter http(URI url, Map<String, String> headers, List<byte[]> bodies) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        return new Exporter() {
            @Override
            public boolean export(int i) throws IOException, InterruptedException {
                HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                        .header("content-type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size())));
                headers.forEach(b::header);
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 && r.statusCode() != 503) {
                    throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
                }
                return r.statusCode() == 200;
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    /** @param exporters how many exporters, each on its own thread with its own {@link Exporter} */
    static Result saturate(Supplier<Exporter> factory, int exporters, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong batches = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[][] perThread = new long[exporters][];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < exporters; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().name("exporter-" + t).start(() -> {
                long[] lat = new long[1 << 12];
                int n = 0;
                try (Exporter exporter = factory.get()) {
                    for (int i = id; System.nanoTime() < end && failure.get() == null; i += exporters) {
                        long t0 = System.nanoTime();
                        while (!exporter.export(i)) {
                            rejected.incrementAndGet();
                            Thread.sleep(RETRY_PAUSE);
                        }
                        if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                        lat[n++] = System.nanoTime() - t0;
                        batches.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                perThread[id] = Arrays.copyOf(lat, n);
            }));
        }
        for (Thread t : threads) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) throw new IllegalStateException("an exporter failed", failure.get());
        return new Result(batches.get(), rejected.get(), seconds, concat(perThread));
    }

    /** {@code perSecond} batches a second for {@code duration}, each on a virtual thread, round-robin over {@code exporters}. */
    static Result openLoop(Supplier<Exporter> factory, int exporters, double perSecond, Duration duration)
            throws Exception {
        int total = (int) Math.round(perSecond * duration.toNanos() / 1e9);
        long interval = Math.round(1e9 / perSecond);
        long[] latencies = new long[total];
        AtomicLong rejected = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Exporter> pool = new ArrayList<>();
        for (int c = 0; c < exporters; c++) pool.add(factory.get());
        List<Thread> inFlight = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total && failure.get() == null; i++) {
            long due = start + i * interval;
            for (long wait; (wait = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
            int k = i;
            Exporter exporter = pool.get(i % exporters);
            inFlight.add(Thread.ofVirtual().start(() -> {
                try {
                    while (!exporter.export(k)) {
                        rejected.incrementAndGet();
                        Thread.sleep(RETRY_PAUSE);
                    }
                    latencies[k] = System.nanoTime() - due;
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : inFlight) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.forEach(Exporter::close);
        if (failure.get() != null) throw new IllegalStateException("an export failed", failure.get());
        return new Result(total, rejected.get(), seconds, latencies);
    }

    private static long[] concat(long[][] parts) {
        int n = 0;
        for (long[] p : parts) n += p.length;
        long[] all = new long[n];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
