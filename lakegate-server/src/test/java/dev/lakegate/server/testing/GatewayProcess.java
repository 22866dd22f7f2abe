package dev.lakegate.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway process ({@code lakegate serve} in a JVM of its own, on this test's class path), for tests
 * that kill gateways or run several against shared state. Its output goes to {@code gateway.log} beside
 * its data folder; {@link #close()} stops it gracefully (SIGTERM).
 */
public final class GatewayProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private GatewayProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code lakegate serve --config config --data-dir data} and waits until it is ready.
     *
     * @param port the port the config's {@code server.port} names (see {@link #freePort()})
     * @param env more environment, e.g. {@code LAKEGATE_ADMIN_TOKEN}
     */
    public static GatewayProcess start(Path config, Path data, int port, Map<String, String> env) throws Exception {
        return start(config, data, port, env, System.getProperty("java.class.path"), List.of());
    }

    /**
     * As {@link #start(Path, Path, int, Map)}, on another class path — the packaged server's, for a test
     * whose own class path is not the server's (compat's Spark needs other Jackson and Jetty versions) —
     * and with more JVM options.
     */
    public static GatewayProcess start(Path config, Path data, int port, Map<String, String> env, String classPath,
            List<String> jvmOptions) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = data.resolveSibling(data.getFileName() + "-gateway.log");
        List<String> command = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow", "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "dev.lakegate.server.cli.Main", "serve", "--config", config.toString(),
                "--data-dir", data.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        GatewayProcess gateway = new GatewayProcess(pb.start(), port, log);
        gateway.awaitReady();
        return gateway;
    }

    public URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    public int port() {
        return port;
    }

    /** What the gateway printed so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL, and waits for the process to be gone: a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM; true when the gateway stopped within the time (a graceful stop commits what its logs hold). */
    public boolean stop(Duration within) throws InterruptedException {
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (!stop(Duration.ofSeconds(60))) {
            kill();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(url("/readyz")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the gateway did not start: " + output());
    }
}
