package dev.lakegate.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lakegate side by side with its peers (issue 9): a fake upstream ({@link FakeUpstream}) reached
 * directly, through nginx, through Portkey, and through Lakegate's passthrough and translation lanes,
 * each peer its own process started and stopped in turn, measured with wrk (saturation) and
 * {@link OpenLoad} (latency, streams, paced streams) in one run. Writes the markdown report to the
 * {@code out=} file and to stdout; progress goes to stderr.
 *
 * <p>Arguments ({@code key=value}, set by {@code bench/run-peers.sh}): {@code quick=true|false},
 * {@code out=}, {@code gateway-jar=}, {@code portkey=} (its start-server.js), {@code node=}, {@code nginx=},
 * {@code wrk=}, {@code gateway-jvm=} (Lakegate's JVM flags, space-separated), {@code only=} (peer names,
 * comma-separated, for a partial run).
 */
public final class PeersBench {
    static final String TOKEN = "lg-bench-admin-token-0123456789abcdef";
    static final int PACED_STREAMS = 1000;
    private static final int PACED_WARMUP_STREAMS = 100;
    static final int[] OPEN_RATES = {500, 1000, 2000};
    /** The generator's and fake upstream's JVM flags: a young generation large enough that a GC pause is rare. */
    private static final List<String> TOOL_JVM = List.of("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC", "-XX:-UsePerfData");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How long each measurement runs, in seconds. A JVM peer reaches its steady throughput only after
     * C2 has compiled its hot path (Lakegate: 10–30 s on two busy cores), so the warm-up repeats 2-s wrk
     * rounds, at least {@code warmupMin} seconds, until two rounds in a row gain less than 10 % on the best
     * (at most {@code warmupMax}); every peer gets the same.
     */
    record Timing(double warmupMin, double warmupMax, double generatorWarmup, double saturation, double sequential, double open, double stream, int[] rates) {
        static final Timing FULL = new Timing(8, 30, 1.5, 5, 5, 4, 3, OPEN_RATES);
        static final Timing QUICK = new Timing(2, 4, 0.5, 1, 1, 1, 1, new int[] {1000});
    }

    /** A peer as the client sees it: where it listens and what it is sent; {@code paced} null when not measured. */
    record Target(String name, String label, String baseline, int port, Call unary, Call stream, Call paced) {}

    private final Map<String, String> args;
    private final Timing timing;
    private final Path dir;
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final String classpath = System.getProperty("java.class.path");
    private final List<Process> started = new ArrayList<>();
    private final List<Measured> results = new ArrayList<>();
    private Process generator;
    private BufferedReader generatorOut;
    private int upstreamPort;
    private long upstreamPid;

    private PeersBench(Map<String, String> args) throws IOException {
        this.args = args;
        this.timing = Boolean.parseBoolean(args.getOrDefault("quick", "false")) ? Timing.QUICK : Timing.FULL;
        this.dir = Files.createTempDirectory("lakegate-peers-");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = keyValues(argv);
        PeersBench bench = new PeersBench(args);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll));
        String report = bench.run();
        System.out.print(report);
        Path out = Path.of(args.get("out"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.err.println("report written to " + out);
    }

    /** The harnesses' arguments, {@code key=value} each (the scripts build them). */
    public static Map<String, String> keyValues(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return args;
    }

    private String run() throws Exception {
        Process upstream = start("fake-upstream", javaCommand(TOOL_JVM, FakeUpstream.class, "0"), Map.of());
        upstreamPort = awaitListening(upstream);
        upstreamPid = upstream.pid();
        generator = start("generator", javaCommand(TOOL_JVM, OpenLoad.class), Map.of(), ProcessBuilder.Redirect.PIPE);
        generatorOut = new BufferedReader(new InputStreamReader(generator.getInputStream(), StandardCharsets.UTF_8));
        Set<String> only = args.containsKey("only") ? Set.of(args.get("only").split(",")) : null;
        for (String name : List.of("direct", "nginx", "portkey", "lakegate", "direct-anthropic", "lakegate-translation")) {
            if (only == null || only.contains(name)) {
                results.add(measurePeer(name));
            }
        }
        stopAll();
        String report = new Report(results, machine(), timing).markdown();
        if (results.stream().anyMatch(m -> m.failure != null)) {
            log("logs and configurations kept in " + dir);
        } else {
            deleteTree(dir);
        }
        return report;
    }

    /** Starts the peer's process (none for direct), measures it, stops it. */
    private Measured measurePeer(String name) throws Exception {
        log("== " + name);
        Process process = null;
        Target target;
        int port = name.startsWith("direct") ? upstreamPort : freePort();
        String up = "http://127.0.0.1:" + upstreamPort;
        Map<String, String> bearer = Call.headers("Authorization", "Bearer " + TOKEN);
        Call paced = new Call("/paced/v1/chat/completions", bearer, Call.chat("bench", true)); // direct, and through nginx
        switch (name) {
            case "direct" -> target = chatTarget(name, "direct (no proxy)", port, "/v1/chat/completions", bearer, "bench", paced);
            case "nginx" -> {
                process = startNginx(port);
                target = chatTarget(name, version(args.get("nginx"), "-v"), port, "/v1/chat/completions", bearer, "bench", paced);
            }
            case "portkey" -> {
                process = start("portkey", List.of(args.get("node"), args.get("portkey"), "--port=" + port, "--headless"),
                        Map.of("NODE_ENV", "production"));
                target = chatTarget(name, "Portkey " + portkeyVersion(), port, "/v1/chat/completions", portkeyHeaders(up + "/v1"), "bench",
                        new Call("/v1/chat/completions", portkeyHeaders(up + "/paced/v1"), Call.chat("bench", true)));
            }
            case "lakegate", "lakegate-translation" -> {
                process = startLakegate(port);
                target = name.equals("lakegate")
                        ? chatTarget(name, "Lakegate, passthrough lane", port, "/openai/v1/chat/completions", bearer, "bench",
                                new Call("/openai/v1/chat/completions", bearer, Call.chat("bench-paced", true)))
                        : messagesTarget(name, "Lakegate, translation lane (Anthropic → Chat)", "direct-anthropic", port,
                                "/anthropic/v1/messages", "bench-x");
            }
            case "direct-anthropic" -> target = messagesTarget(name, "direct, Anthropic Messages", "direct-anthropic", port, "/v1/messages", "bench");
            default -> throw new IllegalArgumentException(name);
        }
        Measured m = new Measured(target);
        try {
            awaitReady(target, process);
            long pid = process != null ? process.pid() : upstreamPid;
            ProcStats before = ProcStats.of(pid);
            ProcStats upstreamBefore = ProcStats.of(upstreamPid);
            ProcStats generatorBefore = ProcStats.of(generator.pid());
            measure(target, m);
            m.proc = process != null ? ProcStats.of(pid).since(before) : null;
            m.upstream = ProcStats.of(upstreamPid).since(upstreamBefore);
            m.generator = ProcStats.of(generator.pid()).since(generatorBefore);
        } catch (Exception e) {
            m.failure = e.getMessage();
            log("   FAILED: " + e.getMessage());
        } finally {
            if (process != null) {
                stop(process);
            }
        }
        return m;
    }

    private void measure(Target t, Measured m) throws Exception {
        warmUp(t);
        closed(t, t.unary(), 1, timing.generatorWarmup());
        closed(t, t.stream(), 4, timing.generatorWarmup());
        m.rps16 = wrk(t, 16, timing.saturation());
        m.rps64 = wrk(t, 64, timing.saturation());
        log(String.format("   saturation: %.0f req/s at 16, %.0f at 64", m.rps16.rps(), m.rps64.rps()));
        m.sequential = closed(t, t.unary(), 1, timing.sequential());
        double saturation = Math.max(m.rps16.rps(), m.rps64.rps());
        for (int rate : timing.rates()) {
            m.open.put(rate, rate > 0.8 * saturation ? null
                    : generate("open 127.0.0.1 " + t.port() + " " + rate + " " + timing.open() + " 64 " + encode(t, t.unary())));
        }
        m.stream1 = closed(t, t.stream(), 1, timing.stream());
        m.stream16 = closed(t, t.stream(), 16, timing.stream());
        if (t.paced() != null) {
            generate("paced 127.0.0.1 " + t.port() + " " + PACED_WARMUP_STREAMS + " " + encode(t, t.paced())); // the paced paths' JIT
            m.paced = generate("paced 127.0.0.1 " + t.port() + " " + PACED_STREAMS + " " + encode(t, t.paced()));
            log(String.format("   paced: %d stalled, gap p99 %.1f ms", m.paced.path("stalled").asInt(), m.paced.path("gap").path("p99").asDouble()));
        }
    }

    /** wrk rounds of 2 s at 16 connections until throughput levels off (see {@link Timing}). */
    private void warmUp(Target t) throws Exception {
        List<String> rounds = new ArrayList<>();
        double best = 0;
        int flat = 0;
        for (double spent = 0; spent < timing.warmupMax() && (spent < timing.warmupMin() || flat < 2); spent += 2) {
            double rps = wrk(t, 16, 2).rps();
            rounds.add(String.format("%.0f", rps));
            flat = rps < 1.1 * best ? flat + 1 : 0;
            best = Math.max(best, rps);
        }
        log("   warm-up req/s: " + String.join(", ", rounds));
    }

    private JsonNode closed(Target t, Call call, int conns, double seconds) throws IOException {
        return generate("closed 127.0.0.1 " + t.port() + " " + conns + " " + seconds + " " + encode(t, call));
    }

    private static String encode(Target t, Call call) {
        return Base64.getEncoder().encodeToString(call.raw(t.port()));
    }

    /** Sends one command to the generator and waits for its JSON answer. */
    private JsonNode generate(String command) throws IOException {
        generator.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        generator.getOutputStream().flush();
        String line = generatorOut.readLine();
        if (line == null) {
            throw new IOException("the load generator exited");
        }
        JsonNode result = JSON.readTree(line);
        if (result.has("failed")) {
            throw new IOException("generator: " + result.get("failed").asText());
        }
        if (result.path("errors").asLong() > 0) {
            log("   " + command.substring(0, command.lastIndexOf(' ')) + ": " + result.get("errors") + " errors, first: " + result.path("error").asText());
        }
        return result;
    }

    /** Requests per second from wrk, and its error counts (socket errors, non-2xx answers). */
    record WrkResult(double rps, long errors) {}

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private WrkResult wrk(Target t, int conns, double seconds) throws Exception {
        Path script = dir.resolve(t.name() + ".lua");
        Files.writeString(script, t.unary().lua());
        List<String> cmd = List.of(args.getOrDefault("wrk", "wrk"), "-t2", "-c" + conns, "-d" + Math.max(1, Math.round(seconds)) + "s",
                "--timeout", "10s", "-s", script.toString(), "http://127.0.0.1:" + t.port() + t.unary().path());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher rps = RPS.matcher(out);
        if (!rps.find()) {
            throw new IOException("wrk printed no throughput: " + out);
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        if (errors > 0) {
            log("   wrk -c" + conns + ": " + errors + " errors");
        }
        return new WrkResult(Double.parseDouble(rps.group(1)), errors);
    }

    private static Target chatTarget(String name, String label, int port, String path, Map<String, String> headers, String model, Call paced) {
        return new Target(name, label, "direct", port, new Call(path, headers, Call.chat(model, false)),
                new Call(path, headers, Call.chat(model, true)), paced);
    }

    private static Target messagesTarget(String name, String label, String baseline, int port, String path, String model) {
        Map<String, String> h = Call.headers("x-api-key", TOKEN, "anthropic-version", "2023-06-01");
        return new Target(name, label, baseline, port, new Call(path, h, Call.messages(model, false)), new Call(path, h, Call.messages(model, true)), null);
    }

    /** Portkey's headers for an OpenAI-compatible host of one's own (its x-portkey-custom-host allows loopback by default). */
    private static Map<String, String> portkeyHeaders(String customHost) {
        return Call.headers("Authorization", "Bearer " + TOKEN, "x-portkey-provider", "openai", "x-portkey-custom-host", customHost);
    }

    private Process startNginx(int port) throws IOException {
        Path prefix = Files.createDirectories(dir.resolve("nginx"));
        Files.createDirectories(prefix.resolve("temp"));
        String conf = """
                daemon off;
                master_process on;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 8192; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/temp/body;
                  proxy_temp_path %1$s/temp/proxy;
                  fastcgi_temp_path %1$s/temp/fastcgi;
                  uwsgi_temp_path %1$s/temp/uwsgi;
                  scgi_temp_path %1$s/temp/scgi;
                  keepalive_requests 1000000;
                  upstream fake {
                    server 127.0.0.1:%2$d;
                    keepalive 64;
                    keepalive_requests 1000000;
                  }
                  server {
                    listen 127.0.0.1:%3$d backlog=4096;
                    location / {
                      proxy_pass http://fake;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_buffering off;
                      proxy_request_buffering off;
                    }
                  }
                }
                """.formatted(prefix, upstreamPort, port);
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, conf);
        return start("nginx", List.of(args.get("nginx"), "-c", file.toString(), "-p", prefix.toString()), Map.of());
    }

    private Process startLakegate(int port) throws IOException {
        Path data = Files.createTempDirectory(dir, "lakegate-data-");
        String up = "http://127.0.0.1:" + upstreamPort;
        Path config = dir.resolve("lakegate.yaml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, port: %d, shutdown_grace_seconds: 1}
                providers:
                  - {name: fake, type: openai, base_url: %2$s/v1}
                  - {name: fake-paced, type: openai, base_url: %2$s/paced/v1}
                  - {name: fake-compatible, type: openai-compatible, base_url: %2$s/v1}
                endpoints:
                  - {name: bench, destinations: [{provider: fake, model: gpt-bench}]}
                  - {name: bench-paced, destinations: [{provider: fake-paced, model: gpt-bench}]}
                  - {name: bench-x, destinations: [{provider: fake-compatible, model: gpt-bench}]}
                """.formatted(port, up));
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(gatewayJvm());
        cmd.addAll(List.of("-jar", args.get("gateway-jar"), "serve", "--config", config.toString(), "--data-dir", data.toString()));
        return start("lakegate", cmd, Map.of("LAKEGATE_ADMIN_TOKEN", TOKEN, "LAKEGATE_LOG_LEVEL", "WARN"));
    }

    private List<String> javaCommand(List<String> flags, Class<?> main, String... mainArgs) {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", classpath, main.getName()));
        cmd.addAll(List.of(mainArgs));
        return cmd;
    }

    private List<String> gatewayJvm() {
        return List.of(args.get("gateway-jvm").trim().split("\\s+"));
    }

    /** Waits until the peer answers the unary request with 200 (60 s at most); a non-200 answer is shown. */
    private void awaitReady(Target t, Process process) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + t.port() + t.unary().path()))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(t.unary().body()));
        t.unary().headers().forEach(b::header);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (process != null && !process.isAlive()) {
                throw new IOException(t.name() + " exited with " + process.exitValue() + "; its log: " + dir.resolve(t.name() + ".log"));
            }
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                throw new IOException(t.name() + " answered " + r.statusCode() + ": " + r.body());
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(t.name() + " did not open port " + t.port() + " within 60 s");
                }
                Thread.sleep(100);
            }
        }
    }

    private Process start(String name, List<String> command, Map<String, String> env) throws IOException {
        return start(name, command, env, ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
    }

    private Process start(String name, List<String> command, Map<String, String> env, ProcessBuilder.Redirect stdout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout)
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Waits for the fake upstream's "listening PORT" line (its stdout goes to its log) and returns the port. */
    private int awaitListening(Process upstream) throws Exception {
        Path logFile = dir.resolve("fake-upstream.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && upstream.isAlive()) {
            if (Files.exists(logFile)) {
                for (String line : Files.readAllLines(logFile)) {
                    if (line.startsWith("listening ")) {
                        return Integer.parseInt(line.substring(10).trim());
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("the fake upstream did not start; its log: " + logFile);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopAll() {
        for (Process p : started) {
            if (p.isAlive()) {
                stop(p);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors() + " (" + cpuModel() + ")");
        m.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("Lakegate JVM flags", String.join(" ", gatewayJvm()));
        m.put("fake upstream and generator JVM flags", String.join(" ", TOOL_JVM));
        m.put("nginx", version(args.get("nginx"), "-v"));
        m.put("node", version(args.get("node"), "--version"));
        m.put("Portkey", portkeyVersion());
        m.put("wrk", version(args.getOrDefault("wrk", "wrk"), "--version"));
        m.put("fake upstream", "127.0.0.1:" + upstreamPort + ", Jetty 12 (" + FakeUpstream.class.getName() + ")");
        return m;
    }

    private String portkeyVersion() {
        try {
            Path pkg = Path.of(args.get("portkey")).getParent().getParent().resolve("package.json");
            return "@portkey-ai/gateway " + JSON.readTree(pkg.toFile()).path("version").asText();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** The first line a tool prints for its version flag, without the tool's name prefix noise. */
    private static String version(String tool, String flag) {
        try {
            Process p = new ProcessBuilder(tool, flag).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("?");
            p.waitFor();
            return out.replaceFirst("^nginx version: ", "").replaceFirst(" Copyright.*", "").trim();
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    static void log(String s) {
        PrintStream err = System.err;
        err.println(s);
        err.flush();
    }

    /** Everything measured for one peer; absent parts stay null (not measured, or above saturation). */
    static final class Measured {
        final Target target;
        WrkResult rps16 = new WrkResult(0, 0);
        WrkResult rps64 = new WrkResult(0, 0);
        JsonNode sequential;
        final Map<Integer, JsonNode> open = new LinkedHashMap<>();
        JsonNode stream1;
        JsonNode stream16;
        JsonNode paced;
        ProcStats proc;
        ProcStats upstream;
        ProcStats generator;
        String failure;

        Measured(Target target) {
            this.target = target;
        }
    }
}
