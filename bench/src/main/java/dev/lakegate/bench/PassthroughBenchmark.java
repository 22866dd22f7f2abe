package dev.lakegate.bench;

import dev.lakegate.server.Gateway;
import dev.lakegate.server.config.GatewayConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the passthrough lane adds to a request: the same requests sent straight to the scripted
 * model (the baseline, measured in the same run) and through the gateway, unary and streamed, at
 * one and at several concurrent agents, and through an endpoint with usage tracking off (the
 * same request, no usage row; on and off alternate in rounds). Prints latency percentiles, throughput and the gateway/direct and
 * tracking on/off ratios (the figures in BENCHMARKS.md).
 *
 * <p>Usage: {@code java -jar bench/target/lakegate-bench.jar [requests-per-case]}.
 */
public final class PassthroughBenchmark {
    private static final String TOKEN = "bench-admin-token-0123456789";

    private static final int ROUNDS = 6;

    /** One run's sorted latencies (ms) and throughput. */
    private record Result(double[] sorted, double seconds) {
        static Result pooled(List<Result> runs) {
            double[] all = runs.stream().flatMapToDouble(r -> Arrays.stream(r.sorted())).sorted().toArray();
            return new Result(all, runs.stream().mapToDouble(Result::seconds).sum());
        }

        double p50() {
            return sorted[sorted.length / 2];
        }

        double p99() {
            return sorted[(int) (sorted.length * 0.99)];
        }

        double perSecond() {
            return sorted.length / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        GatewayConfig config = GatewayConfig.parse("""
                server: {host: 127.0.0.1, port: 0}
                providers: [{name: scripted, type: scripted}]
                endpoints:
                  - {name: bench, destinations: [{provider: scripted, model: gpt-5}]}
                  - {name: bench-untracked, usage_tracking: false, destinations: [{provider: scripted, model: gpt-5}]}
                """, "bench");
        Path dataDir = Files.createTempDirectory("lakegate-bench-");
        try (Gateway gateway = Gateway.start(new Gateway.Options(config, dataDir, Optional.of(TOKEN), n -> null, List.of()));
                HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            URI direct = URI.create(gateway.scripted().orElseThrow().baseUrl() + "/v1/chat/completions");
            URI viaGateway = URI.create(gateway.baseUrl() + "/openai/v1/chat/completions");
            System.out.printf("Passthrough benchmark: %d requests per case, %d cores, %s%n%n", requests,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            System.out.println("| case | concurrency | direct p50 ms | gateway p50 ms | direct p99 ms | gateway p99 ms | direct req/s | gateway req/s"
                    + " | throughput ratio | gateway req/s, usage tracking off | ratio tracking on / off |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            for (boolean stream : new boolean[] {false, true}) {
                for (int concurrency : new int[] {1, 16}) {
                    String body = body("bench", stream);
                    String untracked = body("bench-untracked", stream);
                    run(http, direct, body, requests / 4, concurrency); // warm-up
                    run(http, viaGateway, body, requests / 4, concurrency);
                    run(http, viaGateway, untracked, requests / 4, concurrency);
                    Result d = run(http, direct, body, requests, concurrency);
                    // Tracking on and off alternate in ABBA rounds, so warm-up, GC and the disk's state
                    // favour neither; each side pools its rounds.
                    List<Result> on = new ArrayList<>();
                    List<Result> offRounds = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        boolean trackedFirst = round % 2 == 0;
                        for (boolean tracked : new boolean[] {trackedFirst, !trackedFirst}) {
                            (tracked ? on : offRounds).add(run(http, viaGateway, tracked ? body : untracked, requests / ROUNDS, concurrency));
                        }
                    }
                    Result g = Result.pooled(on);
                    Result off = Result.pooled(offRounds);
                    System.out.printf("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f | %.2f | %.0f | %.3f |%n", stream ? "stream" : "unary",
                            concurrency, d.p50(), g.p50(), d.p99(), g.p99(), d.perSecond(), g.perSecond(), g.perSecond() / d.perSecond(),
                            off.perSecond(), g.perSecond() / off.perSecond());
                }
            }
        }
    }

    /** The same 2.4 KB Chat request for {@code model}: only the endpoint (and so usage tracking) differs. */
    private static String body(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + "lorem ipsum ".repeat(200) + "\"}]}";
    }

    private static Result run(HttpClient http, URI uri, String body, int requests, int concurrency) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("authorization", "Bearer " + TOKEN)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        double[] latencies = new double[requests];
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            int perWorker = requests / concurrency;
            for (int w = 0; w < concurrency; w++) {
                int offset = w * perWorker;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < perWorker; i++) {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(uri + " answered " + response.statusCode());
                        }
                        latencies[offset + i] = (System.nanoTime() - t0) / 1e6;
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = (requests / concurrency) * concurrency;
        double[] sorted = Arrays.copyOf(latencies, done);
        Arrays.sort(sorted);
        return new Result(sorted, seconds);
    }
}
