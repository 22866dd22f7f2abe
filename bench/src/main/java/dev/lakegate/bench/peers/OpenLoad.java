package dev.lakegate.bench.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The peers benchmark's load generator, in its own JVM so it stays warm across peers: reads one
 * command per line on stdin, runs it against {@code host:port} with a pre-encoded HTTP/1.1 request
 * (base64), and answers one JSON line on stdout. Commands:
 * <ul>
 *   <li>{@code closed HOST PORT CONNS SECONDS REQ} — closed loop: each connection sends its next request
 *       when the previous answer has ended; latency (= total time), time to first body byte, req/s.
 *   <li>{@code open HOST PORT RATE SECONDS CONNS REQ} — open loop: request i is due at start + i/RATE and
 *       its latency runs from that intended time (no coordinated omission), over CONNS keep-alive
 *       connections (a request waits for a free one only when all are busy, and that wait counts).
 *       {@code lag} is how late the generator itself sent (timer slack), for reading the figures.
 *   <li>{@code paced HOST PORT STREAMS REQ} — that many concurrent streams whose upstream paces
 *       {@link Wire#PACED_EVENTS} events {@link Wire#PACE_MS} ms apart ({@link PacedStreams}, one selector
 *       thread); the gaps between their events' arrivals, the largest, and the streams that stalled (a gap
 *       over 1 s, an error, or too few events).
 * </ul>
 * Latencies are in milliseconds; {@code errors} counts failed and non-2xx answers ({@code error} the first).
 */
public final class OpenLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int READ_TIMEOUT_MS = 15_000;

    private final String host;
    private final int port;
    private final byte[] request;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    OpenLoad(String host, int port, byte[] request) {
        this.host = host;
        this.port = port;
        this.request = request;
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> result;
            try {
                result = run(line.trim().split(" "));
            } catch (Exception e) {
                result = Map.of("failed", String.valueOf(e));
            }
            System.out.println(JSON.writeValueAsString(result));
            System.out.flush();
        }
    }

    static Map<String, Object> run(String[] c) throws InterruptedException, IOException {
        String cmd = c[0];
        OpenLoad load = new OpenLoad(c[1], Integer.parseInt(c[2]), Base64.getDecoder().decode(c[c.length - 1]));
        return switch (cmd) {
            case "closed" -> load.closed(Integer.parseInt(c[3]), Double.parseDouble(c[4]));
            case "open" -> load.open(Double.parseDouble(c[3]), Double.parseDouble(c[4]), Integer.parseInt(c[5]));
            case "paced" -> load.paced(Integer.parseInt(c[3]));
            default -> throw new IllegalArgumentException("unknown command " + cmd);
        };
    }

    Map<String, Object> closed(int conns, double seconds) throws InterruptedException {
        Latencies total = new Latencies();
        Latencies ttfb = new Latencies();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < conns; w++) {
            workers.add(Thread.ofPlatform().name("closed-" + w).start(() -> {
                Latencies myTotal = new Latencies();
                Latencies myTtfb = new Latencies();
                Connection conn = new Connection();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpConnection.Response r = conn.exchange(null);
                    if (r != null) {
                        myTotal.record(r.endNanos() - t0);
                        myTtfb.record(r.firstByteNanos() - t0);
                    }
                }
                conn.close();
                total.add(myTotal);
                ttfb.add(myTtfb);
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<String, Object> m = result();
        m.put("rps", total.count() / elapsed);
        m.put("latency", total.summary());
        m.put("ttfb", ttfb.summary());
        return m;
    }

    Map<String, Object> open(double rate, double seconds, int conns) throws InterruptedException {
        long period = (long) (1e9 / rate);
        long requests = (long) (rate * seconds);
        AtomicLong next = new AtomicLong();
        Latencies latency = new Latencies();
        Latencies lag = new Latencies();
        List<Connection> pool = new ArrayList<>();
        for (int w = 0; w < conns; w++) {
            pool.add(new Connection());
        }
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        List<Thread> workers = new ArrayList<>();
        for (Connection conn : pool) {
            workers.add(Thread.ofPlatform().start(() -> {
                Latencies myLatency = new Latencies();
                Latencies myLag = new Latencies();
                for (long i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long intended = start + i * period;
                    for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    myLag.record(System.nanoTime() - intended);
                    HttpConnection.Response r = conn.exchange(null);
                    if (r != null) {
                        myLatency.record(r.endNanos() - intended);
                    }
                }
                conn.close();
                latency.add(myLatency);
                lag.add(myLag);
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Object> m = result();
        m.put("rps", latency.count() / elapsed);
        m.put("latency", latency.summary());
        m.put("lag", lag.summary());
        return m;
    }

    Map<String, Object> paced(int streams) throws IOException {
        Latencies gaps = new Latencies();
        Latencies ttfb = new Latencies();
        int stalled = 0;
        List<PacedStreams.Outcome> outcomes = PacedStreams.run(host, port, request, streams, Wire.PACED_EVENTS + 8,
                TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.MILLISECONDS.toNanos(READ_TIMEOUT_MS));
        for (PacedStreams.Outcome o : outcomes) {
            HttpConnection.Response r = o.response();
            if (r == null || r.status() / 100 != 2) {
                fail(r == null ? o.error() : "HTTP " + r.status());
                stalled++;
                continue;
            }
            ttfb.record(r.firstByteNanos() - o.sentNanos());
            boolean stall = r.events() < Wire.PACED_EVENTS;
            for (int k = 1; k < Math.min(r.events(), Wire.PACED_EVENTS); k++) {
                long gap = o.eventNanos()[k] - o.eventNanos()[k - 1];
                gaps.record(gap);
                stall |= gap > STALL_NANOS;
            }
            if (stall) {
                stalled++;
            }
        }
        Map<String, Object> m = result();
        m.put("streams", streams);
        m.put("stalled", stalled);
        m.put("gap", gaps.summary());
        m.put("ttfb", ttfb.summary());
        return m;
    }

    private Map<String, Object> result() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errors", errors.get());
        if (firstError.get() != null) {
            m.put("error", firstError.get());
        }
        return m;
    }

    private void fail(String what) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, what);
    }

    /** A worker's keep-alive connection: opened on first use, reopened after the server closed it or a failure. */
    private final class Connection {
        private HttpConnection http;

        Connection() {
            try {
                http = connect();
            } catch (IOException e) {
                fail("connect: " + e.getMessage());
            }
        }

        /** Sends the request and reads the answer; null (an error counted) when it failed or was not 2xx. */
        HttpConnection.Response exchange(long[] eventNanos) {
            try {
                if (http == null) {
                    http = connect();
                }
                http.send(request);
                HttpConnection.Response r = http.read(eventNanos);
                if (!r.keepAlive()) {
                    close();
                }
                if (r.status() / 100 != 2) {
                    fail("HTTP " + r.status());
                    return null;
                }
                return r;
            } catch (IOException e) {
                fail(e.getClass().getSimpleName() + ": " + e.getMessage());
                close();
                return null;
            }
        }

        void close() {
            if (http != null) {
                try {
                    http.close();
                } catch (IOException ignored) {
                    // closing a socket we are done with: nothing to do
                }
                http = null;
            }
        }

        private HttpConnection connect() throws IOException {
            return HttpConnection.open(host, port, READ_TIMEOUT_MS);
        }
    }
}
