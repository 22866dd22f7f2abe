package dev.lakegate.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.bench.lake.BenchUtil;
import dev.lakegate.bench.otel.SqlApi;
import dev.lakegate.bench.peers.Call;
import dev.lakegate.bench.peers.FakeUpstream;
import dev.lakegate.bench.peers.PeersBench;
import dev.lakegate.bench.peers.ProcStats;
import dev.lakegate.lake.otel.OtlpEncoding;
import dev.lakegate.lake.otel.OtlpSignal;
import dev.lakegate.lake.sql.OtelTableDdl;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;

/**
 * The soak (issue 10): a real gateway process on loopback under mixed load for N minutes — paced streams on
 * the passthrough and translation lanes, unary requests on both, OTLP exporters of the three signals in
 * protobuf and JSON, an admin's dashboard — with faults injected by the fake upstream ({@link
 * FakeUpstream.Faults}), sampled every {@value #SAMPLE_SECONDS} s, judged by {@link Verdict}. Writes the
 * markdown report to the {@code out=} file and to stdout, progress to stderr; exits 1 on a failed verdict.
 *
 * <p>Arguments ({@code key=value}, set by {@code bench/run-soak.sh}): {@code minutes=}, {@code out=},
 * {@code gateway-jar=}, {@code gateway-jvm=} (the gateway's JVM flags, space-separated).
 */
public final class SoakBench {
    static final String TOKEN = "lg-soak-admin-token-0123456789abcdef";
    static final int SAMPLE_SECONDS = 10;
    /** One upstream answer in 50 fails (2 %). */
    static final int FAULT_EVERY = 50;
    static final int STREAM_WORKERS_PER_LANE = 2;
    static final int STREAMS_PER_BATCH = 20;
    static final Duration UNARY_PERIOD = Duration.ofMillis(200);
    static final Duration OTLP_PERIOD = Duration.ofSeconds(2);
    static final Duration DASHBOARD_PERIOD = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Parallel GC's {@code gc+heap} lines: each generation's occupancy after collection {@code n}, in KB. */
    private static final Pattern GENERATION_AFTER = Pattern.compile("GC\\((\\d+)\\) \\w+Gen: \\d+K\\(\\d+K\\)->(\\d+)K");
    private static final Pattern FULL_GC = Pattern.compile("GC\\((\\d+)\\) Pause Full");

    private final Map<String, String> args;
    private final Path dir;
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Tally tally = new Tally();
    private FakeUpstream upstream;
    private Server upstreamServer;
    private Process gateway;
    private URI base;

    private SoakBench(Map<String, String> args) throws IOException {
        this.args = args;
        this.dir = Files.createTempDirectory("lakegate-soak-");
    }

    public static void main(String[] argv) throws Exception {
        SoakBench soak = new SoakBench(PeersBench.keyValues(argv));
        Runtime.getRuntime().addShutdownHook(new Thread(soak::stopProcesses));
        boolean passed = soak.run();
        System.exit(passed ? 0 : 1);
    }

    private boolean run() throws Exception {
        double minutes = Double.parseDouble(args.getOrDefault("minutes", "30"));
        upstream = new FakeUpstream(new FakeUpstream.Faults(FAULT_EVERY));
        upstreamServer = FakeUpstream.start(0, upstream);
        int port = PeersBench.freePort();
        base = URI.create("http://127.0.0.1:" + port);
        startGateway(port, "http://127.0.0.1:" + FakeUpstream.port(upstreamServer));
        awaitHealthy();
        String cookie = setUp();

        Clients clients = new Clients(port, tally);
        Map<String, String> bearer = Call.headers("Authorization", "Bearer " + TOKEN);
        Map<String, String> apiKey = Call.headers("x-api-key", TOKEN, "anthropic-version", "2023-06-01");
        clients.streams("stream-passthrough", new Call("/openai/v1/chat/completions", bearer, Call.chat("soak-paced", true)),
                STREAM_WORKERS_PER_LANE, STREAMS_PER_BATCH);
        clients.streams("stream-translation", new Call("/anthropic/v1/messages", apiKey, Call.messages("soak-x", true)),
                STREAM_WORKERS_PER_LANE, STREAMS_PER_BATCH);
        clients.unary("unary-passthrough", new Call("/openai/v1/chat/completions", bearer, Call.chat("soak", false)), UNARY_PERIOD);
        clients.unary("unary-translation", new Call("/anthropic/v1/messages", apiKey, Call.messages("soak-x", false)), UNARY_PERIOD);
        for (OtlpSignal signal : OtlpSignal.values()) {
            for (OtlpEncoding encoding : OtlpEncoding.values()) {
                clients.otlp("otlp-" + signal.path() + "-" + encoding.name().toLowerCase(), base.resolve("/api/2.0/otel/v1/" + signal.path()),
                        TOKEN, table(signal), encoding.contentType(), OtlpBodies.pool(signal, encoding), OTLP_PERIOD);
            }
        }
        clients.dashboard("dashboard", cookie, DASHBOARD_PERIOD);

        List<Sample> samples = sample(minutes);
        log("stopping the clients");
        clients.stop();
        // Every outcome counted; not judged with the others, its descriptors and threads being those of an idle gateway.
        Sample end = snapshot(samples.getLast().minute(), Double.NaN);
        boolean gatewayAlive = gateway.isAlive();
        stopProcesses();

        long unexpected = unexpectedErrors(end.counts());
        if (!gatewayAlive) {
            tally.failed("gateway", "exited", "the gateway process ended during the run; its log: " + dir.resolve("gateway.log"));
            unexpected++;
        }
        List<Verdict.Check> checks = Verdict.checks(samples, unexpected, Verdict.Limits.defaults(concurrentStreams()));
        boolean passed = Verdict.passed(checks);
        String report = new SoakReport(minutes, machine(), samples, end, checks, tally.firstMessages(), passed).markdown();
        System.out.print(report);
        Path out = Path.of(args.get("out"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        log("report written to " + out);
        if (passed) {
            BenchUtil.deleteRecursively(dir);
        } else {
            log("logs and configuration kept in " + dir);
        }
        return passed;
    }

    static int concurrentStreams() {
        return 2 * STREAM_WORKERS_PER_LANE * STREAMS_PER_BATCH;
    }

    /**
     * Errors beyond the injected faults: a lane's 5xx, broken or truncated stream is what a fault looks like
     * to a client, as many as were injected; anything else (a 4xx, an OTLP or dashboard failure) is never injected.
     */
    static long unexpectedErrors(Map<String, Long> counts) {
        long lookLikeFaults = 0;
        long other = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            String client = e.getKey().substring(0, e.getKey().indexOf('.'));
            String kind = e.getKey().substring(client.length() + 1);
            if (kind.equals(Tally.OK) || client.equals("injected")) {
                continue;
            }
            boolean lane = client.startsWith("stream-") || client.startsWith("unary-");
            boolean faultLike = kind.startsWith("http-5") || (client.startsWith("stream-") && (kind.equals("broken") || kind.equals("truncated")));
            if (lane && faultLike) {
                lookLikeFaults += e.getValue();
            } else {
                other += e.getValue();
            }
        }
        long injected = counts.getOrDefault("injected.http-500", 0L) + counts.getOrDefault("injected.reset", 0L);
        return other + Math.max(0, lookLikeFaults - injected);
    }

    /** Every {@value #SAMPLE_SECONDS} s for the run; a full GC asked for once a minute, so heap after GC is the live set. */
    private List<Sample> sample(double minutes) throws Exception {
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        int count = (int) Math.round(minutes * 60 / SAMPLE_SECONDS);
        for (int i = 1; i <= count && gateway.isAlive(); i++) {
            long due = start + TimeUnit.SECONDS.toNanos((long) i * SAMPLE_SECONDS);
            TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
            double heap = i % (60 / SAMPLE_SECONDS) == 0 ? fullGc() : Double.NaN;
            Sample s = snapshot((System.nanoTime() - start) / 60e9, heap);
            samples.add(s);
            if (i % (60 / SAMPLE_SECONDS) == 0) {
                log(String.format("%4.1f min: RSS %d MB, heap after GC %.0f MB, %d fds, %d threads, errors %d, injected %d", s.minute(),
                        s.rssKb() / 1024, s.heapAfterGcMb(), s.fds(), s.threads(), SoakReport.errors(s), SoakReport.injected(s)));
            }
        }
        return samples;
    }

    private Sample snapshot(double minute, double heapAfterGc) throws IOException {
        long pid = gateway.pid();
        Map<String, Long> counts = new LinkedHashMap<>(tally.snapshot());
        counts.put("injected.http-500", upstream.injected500());
        counts.put("injected.reset", upstream.injectedResets());
        long fds;
        try (Stream<Path> entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds = entries.count();
        } catch (IOException e) {
            fds = 0; // the process is gone
        }
        return new Sample(minute, ProcStats.status(pid, "VmRSS"), heapAfterGc, fds, ProcStats.status(pid, "Threads"), counts);
    }

    /** Asks the gateway's JVM for a full GC (jcmd GC.run) and reads the heap left after it from the GC log. */
    private double fullGc() throws Exception {
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(gateway.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return heapAfterLastFullGcMb(Files.readString(dir.resolve("gc.log")));
    }

    /** The heap in use after the log's last full GC (its generations' occupancy summed), MB; NaN when there is none. */
    static double heapAfterLastFullGcMb(String gcLog) {
        Matcher full = FULL_GC.matcher(gcLog);
        String last = null;
        while (full.find()) {
            last = full.group(1);
        }
        long kb = 0;
        Matcher generation = GENERATION_AFTER.matcher(gcLog);
        while (generation.find()) {
            if (generation.group(1).equals(last)) {
                kb += Long.parseLong(generation.group(2));
            }
        }
        return last == null ? Double.NaN : kb / 1024.0;
    }

    private void startGateway(int port, String upstreamUrl) throws IOException {
        Path config = dir.resolve("lakegate.yaml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, port: %d, shutdown_grace_seconds: 1}
                providers:
                  - {name: fake, type: openai, base_url: %2$s/v1}
                  - {name: fake-paced, type: openai, base_url: %2$s/paced/v1}
                  - {name: fake-compatible, type: openai-compatible, base_url: %2$s/paced/v1}
                endpoints:
                  - {name: soak, destinations: [{provider: fake, model: gpt-bench}]}
                  - {name: soak-paced, destinations: [{provider: fake-paced, model: gpt-bench}]}
                  - {name: soak-x, destinations: [{provider: fake-compatible, model: gpt-bench}]}
                dashboard: {telemetry_tables: soak.otel.agents, secure_cookies: never}
                """.formatted(port, upstreamUrl));
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(gatewayJvm());
        cmd.add("-Xlog:gc,gc+heap=info:file=" + dir.resolve("gc.log"));
        cmd.addAll(List.of("-jar", args.get("gateway-jar"), "serve", "--config", config.toString(), "--data-dir", dir.resolve("data").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile());
        pb.environment().putAll(Map.of("LAKEGATE_ADMIN_TOKEN", TOKEN, "LAKEGATE_LOG_LEVEL", "WARN", "MALLOC_ARENA_MAX", "2"));
        gateway = pb.start();
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!gateway.isAlive()) {
                throw new IOException("the gateway exited with " + gateway.exitValue() + "; its log: " + dir.resolve("gateway.log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the gateway did not listen within 60 s; its log: " + dir.resolve("gateway.log"));
                }
            }
            Thread.sleep(200);
        }
    }

    /**
     * The tables as an operator makes them — the OTLP tables with SQL DDL, a payload table turned on for the
     * passthrough lane's streams through the ai-gateway API — and an admin's dashboard session (a personal
     * access token signed in the way the sign-in page does); returns the session cookie.
     */
    private String setUp() throws Exception {
        try (SqlApi sql = new SqlApi(base, TOKEN)) {
            sql.run("CREATE CATALOG soak");
            sql.run("CREATE SCHEMA soak.otel");
            sql.run("CREATE SCHEMA soak.payloads");
            for (OtlpSignal signal : OtlpSignal.values()) {
                sql.run(OtelTableDdl.forTable(signal.tableKind(), "soak", "otel", "agents"));
            }
        }
        api("PUT", "/api/2.0/serving-endpoints/soak-paced/ai-gateway", TOKEN, Map.of(), """
                {"usage_tracking_config": {"enabled": true},
                 "inference_table_config": {"catalog_name": "soak", "schema_name": "payloads", "enabled": true}}""");
        String pat = api("POST", "/api/2.0/token/create", TOKEN, Map.of(), "{\"comment\": \"soak dashboard\", \"lifetime_seconds\": 86400}")
                .body().path("token_value").asText();
        Answer session = api("POST", "/ui/api/session", null, Map.of("origin", base.toString()), JSON.createObjectNode().put("token", pat).toString());
        String cookie = session.response().headers().firstValue("set-cookie").orElseThrow(() -> new IOException("sign-in set no cookie"));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private record Answer(HttpResponse<String> response, JsonNode body) {}

    private Answer api(String method, String path, String token, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(method + " " + path + " → " + r.statusCode() + " " + r.body());
        }
        return new Answer(r, JSON.readTree(r.body()));
    }

    private static String table(OtlpSignal signal) {
        return "soak.otel.agents_otel_" + signal.tableKind();
    }

    private List<String> gatewayJvm() {
        return List.of(args.get("gateway-jvm").trim().split("\\s+"));
    }

    private Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("gateway JVM flags", String.join(" ", gatewayJvm()) + " (MALLOC_ARENA_MAX=2)");
        return m;
    }

    private synchronized void stopProcesses() {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroy();
            try {
                if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                    gateway.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (upstreamServer != null && upstreamServer.isRunning()) {
            try {
                upstreamServer.stop();
            } catch (Exception e) {
                log("stopping the fake upstream: " + e);
            }
        }
    }

    static void log(String s) {
        System.err.println(s);
        System.err.flush();
    }
}
