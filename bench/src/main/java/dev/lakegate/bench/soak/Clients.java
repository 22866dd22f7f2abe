package dev.lakegate.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.bench.peers.Call;
import dev.lakegate.bench.peers.HttpConnection;
import dev.lakegate.bench.peers.PacedStreams;
import dev.lakegate.bench.peers.Wire;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The soak's clients, each on its own thread until {@link #stop}, each outcome counted in the {@link Tally}
 * under the client's name: batches of paced streams ({@link PacedStreams}), unary requests at a fixed
 * rate, OTLP exporters, and an admin's dashboard loading one page after another.
 */
final class Clients {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.1";
    private static final long STREAM_SPREAD_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long STREAM_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final int READ_TIMEOUT_MS = 15_000;
    /** The range every dashboard call asks for, as the pages' default. */
    private static final String RANGE = "?range=24h";

    /** A step a client repeats; an exception ends the client (counted as its failure). */
    private interface Step {
        void run() throws Exception;
    }

    private final int port;
    private final Tally tally;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    Clients(int port, Tally tally) {
        this.port = port;
        this.tally = tally;
    }

    /**
     * {@code workers} loops of batches of {@code batch} concurrent streams of {@code call}, each batch's
     * streams started over a second; a stream succeeds with a 200 and every paced event.
     */
    void streams(String name, Call call, int workers, int batch) {
        byte[] request = call.raw(port);
        for (int w = 0; w < workers; w++) {
            long stagger = w * 1000L / workers;
            start(name + "-" + w, () -> {
                Thread.sleep(stagger);
                while (running) {
                    for (PacedStreams.Outcome o : PacedStreams.run(HOST, port, request, batch, Wire.PACED_EVENTS + 8,
                            STREAM_SPREAD_NANOS, STREAM_TIMEOUT_NANOS)) {
                        HttpConnection.Response r = o.response();
                        if (r == null) {
                            tally.failed(name, "broken", o.error());
                        } else if (r.status() != 200) {
                            tally.failed(name, "http-" + r.status(), "HTTP " + r.status());
                        } else if (r.events() < Wire.PACED_EVENTS) {
                            tally.failed(name, "truncated", r.events() + " events of " + Wire.PACED_EVENTS);
                        } else {
                            tally.ok(name);
                        }
                    }
                }
            });
        }
    }

    /** {@code call} once per {@code period} on one keep-alive connection (a new one after a failure or a close). */
    void unary(String name, Call call, Duration period) {
        byte[] request = call.raw(port);
        HttpConnection[] conn = new HttpConnection[1];
        every(name, period, () -> {
            try {
                if (conn[0] == null) {
                    conn[0] = HttpConnection.open(HOST, port, READ_TIMEOUT_MS);
                }
                conn[0].send(request);
                HttpConnection.Response r = conn[0].read(null);
                if (r.status() == 200) {
                    tally.ok(name);
                } else {
                    tally.failed(name, "http-" + r.status(), "HTTP " + r.status());
                }
                if (!r.keepAlive()) {
                    closeQuietly(conn);
                }
            } catch (IOException e) {
                tally.failed(name, "io", e.toString());
                closeQuietly(conn);
            }
        });
    }

    /** One OTLP/HTTP export of the next body once per {@code period}, into {@code table}; 200 is success. */
    void otlp(String name, URI url, String token, String table, String contentType, List<byte[]> bodies, Duration period) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        int[] next = {0};
        every(name, period, () -> {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("content-type", contentType)
                    .header("authorization", "Bearer " + token).header("x-databricks-uc-table-name", table)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(next[0]++ % bodies.size()))).build();
            send(name, http, request);
        });
    }

    /**
     * An admin's dashboard: once per {@code period} the next page (overview, agents, usage, performance in
     * turn) as the browser loads it — status, filters, every chart of the page, and the budgets on the usage
     * page — with the session cookie.
     */
    void dashboard(String name, String cookie, Duration period) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, List<String>> pages = new LinkedHashMap<>();
        for (JsonNode chart : JSON.readTree(get(http, cookie, "/ui/api/charts").body())) {
            pages.computeIfAbsent(chart.path("page").asText(), p -> new ArrayList<>()).add(chart.path("id").asText());
        }
        List<String> order = List.copyOf(pages.keySet());
        int[] next = {0};
        every(name, period, () -> {
            String page = order.get(next[0]++ % order.size());
            List<String> paths = new ArrayList<>(List.of("/ui/api/status", "/ui/api/filters" + RANGE));
            pages.get(page).forEach(id -> paths.add("/ui/api/charts/" + id + RANGE));
            if (page.equals("usage")) {
                paths.add("/ui/api/budgets");
            }
            for (String path : paths) {
                send(name, http, request(cookie, path));
            }
        });
    }

    /** Ends every client after its current step (a batch of streams: up to its last stream's end) and waits for them. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    private void send(String name, HttpClient http, HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                tally.ok(name);
            } else {
                tally.failed(name, "http-" + r.statusCode(), request.uri().getPath() + " → " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            tally.failed(name, "io", request.uri().getPath() + " → " + e);
        }
    }

    private HttpResponse<String> get(HttpClient http, String cookie, String path) throws Exception {
        HttpResponse<String> r = http.send(request(cookie, path), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(path + " → " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    private HttpRequest request(String cookie, String path) {
        return HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path)).timeout(Duration.ofSeconds(60))
                .header("accept", "application/json").header("cookie", cookie).GET().build();
    }

    /** Runs {@code step} at a fixed rate (a late step is not made up for) until stopped. */
    private void every(String name, Duration period, Step step) {
        start(name, () -> {
            long next = System.nanoTime();
            while (running) {
                step.run();
                next = Math.max(next + period.toNanos(), System.nanoTime());
                TimeUnit.NANOSECONDS.sleep(next - System.nanoTime());
            }
        });
    }

    private void start(String name, Step body) {
        threads.add(Thread.ofPlatform().name("soak-" + name).start(() -> {
            try {
                body.run();
            } catch (Exception e) {
                tally.failed(name, "client-ended", e.toString());
            }
        }));
    }

    private static void closeQuietly(HttpConnection[] conn) {
        if (conn[0] != null) {
            try {
                conn[0].close();
            } catch (IOException ignored) {
                // done with this connection either way
            }
            conn[0] = null;
        }
    }
}
