package dev.lakegate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.e2e.FaultUpstream.Fault;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.testing.TestGateway;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream faults on every generation API, unary and streamed (issue 10): a refused connection, an unknown host, a
 * TLS handshake that fails, no answer within the first-byte timeout, silence or a TCP reset in the middle of the
 * answer, the vendor's 429 (with {@code retry-after}) and 5xx answers, a malformed JSON answer, a stream that ends
 * inside an event or carries an event that is not JSON, and an answer too large to hold — on the passthrough lane, and
 * the mid-answer ones on the translation lane too. The agent always gets a well-formed
 * answer in its own protocol — an error answer, or, once a stream has begun, one in-stream error — within the
 * configured timeouts; a fallback destination answers where one is configured; the usage row says what
 * happened; and thousands of faulted requests leave no threads, sockets or heap behind.
 */
class UpstreamFaultsTest {
    /** Timeouts of the faulty providers: short, so that the test is quick and lateness shows. */
    private static final int FIRST_BYTE_MS = 500;
    private static final int STREAM_IDLE_MS = 500;
    /** On virtual threads, so that the thread count the leak check reads is the gateway's. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    private static FaultUpstream upstream;
    private static TestGateway gateway;
    private static TestGateway.Token token;

    /**
     * Where a destination points: the misbehaving upstream in the agent's protocol (passthrough) or in another
     * (translation), or an address that fails before any HTTP.
     */
    enum Target { FAULTS, TRANSLATED, REFUSED, UNKNOWN_HOST, NOT_TLS }

    private static final List<Fault> TRANSLATED_FAULTS = List.of(Fault.STALL, Fault.RESET, Fault.MALFORMED, Fault.TRUNCATED_EVENT, Fault.MALFORMED_EVENT);

    @BeforeAll
    static void start() throws Exception {
        upstream = new FaultUpstream();
        int refused;
        try (ServerSocket s = new ServerSocket(0)) {
            refused = s.getLocalPort();
        }
        StringBuilder providers = new StringBuilder();
        StringBuilder endpoints = new StringBuilder();
        for (String type : List.of("anthropic", "openai", "gemini")) {
            String root = type.equals("openai") ? "/v1" : "";
            providers.append("  - {name: faults-%s, type: %s, base_url: 'http://127.0.0.1:%d%s', first_byte_timeout_ms: %d, stream_idle_timeout_ms: %d}\n"
                    .formatted(type, type, upstream.port(), root, FIRST_BYTE_MS, STREAM_IDLE_MS));
            providers.append("  - {name: refused-%s, type: %s, base_url: 'http://127.0.0.1:%d%s'}\n".formatted(type, type, refused, root));
            providers.append("  - {name: unknown_host-%s, type: %s, base_url: 'http://lakegate-fault.invalid%s'}\n".formatted(type, type, root));
            providers.append("  - {name: not_tls-%s, type: %s, base_url: 'https://127.0.0.1:%d%s', connect_timeout_ms: 2000}\n"
                    .formatted(type, type, upstream.notTlsPort(), root));
        }
        for (Api api : Api.values()) {
            for (Target target : Target.values()) {
                if (target != Target.TRANSLATED) {
                    endpoints.append("  - {name: %s, destinations: [{provider: %s-%s, model: m}]}\n".formatted(endpoint(api, target, null),
                            target.name().toLowerCase(Locale.ROOT), type(api)));
                }
            }
            // The translation lane sends none of the agent's own headers up: the fault is named by the upstream model instead.
            for (Fault fault : TRANSLATED_FAULTS) {
                endpoints.append("  - {name: %s, destinations: [{provider: faults-%s, model: %s}]}\n".formatted(endpoint(api, Target.TRANSLATED, fault),
                        api.format == Api.Format.OPENAI ? "anthropic" : "openai", fault.header()));
            }
            endpoints.append("  - {name: fallback-%s, destinations: [{provider: faults-%s, model: m}, {provider: scripted, model: %s, priority: 1}]}\n"
                    .formatted(slug(api), type(api), api.upstreamModel));
        }
        gateway = TestGateway.start("", endpoints.toString(), providers.toString());
        token = gateway.createToken("upstream faults", null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private static String slug(Api api) {
        return api.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String type(Api api) {
        return switch (api.format) {
            case ANTHROPIC -> "anthropic";
            case OPENAI -> "openai";
            case GEMINI -> "gemini";
        };
    }

    private static String endpoint(Api api, Target target, Fault fault) {
        return target.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + (target == Target.TRANSLATED ? fault.header() + "-" : "") + slug(api);
    }

    private static HttpResponse<String> send(Api api, String endpoint, boolean stream, Fault fault) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.url(api.path(endpoint, stream)))
                .timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + token.secret())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(api.body(endpoint, stream, 0)));
        if (fault != null) {
            request.header("x-fault", fault.header());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the agent must see: an error answer with this status, or (when {@code inStream}) a 200 stream ending in one error. */
    private record Expected(int status, boolean inStream, String errorType, Duration within) {}

    static Stream<Arguments> faults() {
        List<Arguments> cases = new ArrayList<>();
        for (Api api : Api.values()) {
            for (boolean stream : new boolean[] {false, true}) {
                cases.add(Arguments.of(api, stream, Target.REFUSED, null, new Expected(503, false, "UPSTREAM_UNAVAILABLE", Duration.ofSeconds(5))));
                cases.add(Arguments.of(api, stream, Target.UNKNOWN_HOST, null, new Expected(502, false, "UPSTREAM_ERROR", Duration.ofSeconds(5))));
                cases.add(Arguments.of(api, stream, Target.NOT_TLS, null, new Expected(502, false, "UPSTREAM_ERROR", Duration.ofSeconds(5))));
                cases.add(Arguments.of(api, stream, Target.FAULTS, Fault.SLOW_HEAD,
                        new Expected(504, false, "TIMEOUT", Duration.ofMillis(FIRST_BYTE_MS + 1_500))));
                for (Fault midAnswer : new Fault[] {Fault.STALL, Fault.RESET}) {
                    // A unary answer is held until whole, so even a break in its body becomes an error answer.
                    cases.add(Arguments.of(api, stream, Target.FAULTS, midAnswer,
                            new Expected(stream ? 200 : 502, stream, "UPSTREAM_ERROR", Duration.ofMillis(STREAM_IDLE_MS + 1_500))));
                }
                cases.add(Arguments.of(api, stream, Target.FAULTS, Fault.TOO_MANY_REQUESTS, new Expected(429, false, "RATE_LIMITED", Duration.ofSeconds(5))));
                cases.add(Arguments.of(api, stream, Target.FAULTS, Fault.INTERNAL_ERROR, new Expected(500, false, null, Duration.ofSeconds(5))));
                cases.add(Arguments.of(api, stream, Target.FAULTS, Fault.BAD_GATEWAY, new Expected(502, false, null, Duration.ofSeconds(5))));
                cases.add(Arguments.of(api, stream, Target.FAULTS, Fault.UNAVAILABLE, new Expected(503, false, null, Duration.ofSeconds(5))));
                cases.add(Arguments.of(api, stream, Target.FAULTS, Fault.OVERLOADED, new Expected(529, false, "OVERLOADED", Duration.ofSeconds(5))));
                for (Target lane : new Target[] {Target.FAULTS, Target.TRANSLATED}) {
                    if (stream) {
                        for (Fault broken : new Fault[] {Fault.TRUNCATED_EVENT, Fault.MALFORMED_EVENT}) {
                            cases.add(Arguments.of(api, true, lane, broken, new Expected(200, true, "UPSTREAM_ERROR", Duration.ofSeconds(5))));
                        }
                    } else {
                        cases.add(Arguments.of(api, false, lane, Fault.MALFORMED, new Expected(502, false, "UPSTREAM_ERROR", Duration.ofSeconds(5))));
                    }
                }
                for (Fault midAnswer : new Fault[] {Fault.STALL, Fault.RESET}) {
                    cases.add(Arguments.of(api, stream, Target.TRANSLATED, midAnswer,
                            new Expected(stream ? 200 : 502, stream, "UPSTREAM_ERROR", Duration.ofMillis(STREAM_IDLE_MS + 1_500))));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} stream={1} {2} {3}")
    @MethodSource("faults")
    void everyFaultIsAWellFormedAnswerInTheAgentsProtocolWithinTheTimeout(Api api, boolean stream, Target target, Fault fault, Expected expected)
            throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = send(api, endpoint(api, target, fault), stream, fault);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String what = api + (stream ? " stream" : " unary") + " " + target + " " + fault + " → " + response.statusCode() + " " + response.body();
        assertThat(took).as(what).isLessThan(expected.within());
        assertThat(response.statusCode()).as(what).isEqualTo(expected.status());
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        if (expected.inStream()) {
            List<String[]> events = SseEvents.parse(response.body());
            List<String[]> errors = events.stream().filter(api::isErrorEvent).toList();
            assertThat(errors).as(what + "\n→ exactly one in-stream error").hasSize(1);
            assertThat(errors.getFirst()[1]).as(what).containsIgnoringCase(target == Target.FAULTS ? "faults-" + type(api) : target == Target.TRANSLATED ? "upstream" : "");
            for (String[] event : events) {
                if (!event[1].equals("[DONE]")) {
                    assertThat(TestGateway.JSON.readTree(event[1])).as(what + "\n→ every event the agent gets is JSON").isNotNull();
                }
            }
        } else {
            assertErrorShape(api, TestGateway.JSON.readTree(response.body()), expected.status(), what);
            if (expected.status() == 429) {
                assertThat(response.headers().firstValue("retry-after")).as(what).hasValue("7");
            }
        }
        RequestRecord record = gateway.awaitRecord(requestId);
        assertThat(record.statusCode()).as(what + "\n→ usage row status").isEqualTo(expected.status());
        assertThat(record.errorType()).as(what + "\n→ usage row error type").isNotNull();
        if (expected.errorType() != null) {
            assertThat(record.errorType()).as(what + "\n→ usage row error type").isEqualTo(expected.errorType());
        }
        assertThat(record.attempts()).as(what).hasSize(1);
    }

    /** The error shape of the agent's protocol, whoever wrote it (the gateway, or the vendor on the passthrough lane). */
    private static void assertErrorShape(Api api, JsonNode body, int status, String what) {
        switch (api.format) {
            case ANTHROPIC -> {
                assertThat(body.path("type").asText()).as(what).isEqualTo("error");
                assertThat(body.path("error").path("type").asText()).as(what).isNotBlank();
                assertThat(body.path("error").path("message").asText()).as(what).isNotBlank();
            }
            case OPENAI -> assertThat(body.path("error").path("message").asText()).as(what).isNotBlank();
            case GEMINI -> {
                assertThat(body.path("error").path("code").asInt()).as(what).isEqualTo(status);
                assertThat(body.path("error").path("message").asText()).as(what).isNotBlank();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void aFallbackDestinationAnswersWhenTheFirstFails(Api api) throws Exception {
        for (Fault fault : new Fault[] {Fault.UNAVAILABLE, Fault.SLOW_HEAD, Fault.TOO_MANY_REQUESTS}) {
            HttpResponse<String> response = send(api, "fallback-" + slug(api), false, fault);
            String what = api + " " + fault + " → " + response.body();
            assertThat(response.statusCode()).as(what).isEqualTo(200);
            RequestRecord record = gateway.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
            assertThat(record.attempts()).as(what).hasSize(2);
            assertThat(record.attempts().getFirst().statusCode()).as(what).isNotEqualTo(200);
            assertThat(record.attempts().getLast().statusCode()).as(what).isEqualTo(200);
            assertThat(record.errorType()).as(what).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void anOversizedAnswerIsRelayedWholeWithoutBeingHeldInMemory(Api api) throws Exception {
        HttpResponse<String> response = send(api, endpoint(api, Target.FAULTS, null), false, Fault.OVERSIZED);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(FaultUpstream.OVERSIZED_BYTES).startsWith("{\"id\":\"big\"").endsWith("x\"}");
        RequestRecord record = gateway.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(record.errorType()).isNull();
    }

    static Stream<Api> apis() {
        return Arrays.stream(Api.values());
    }

    @Test
    void thousandsOfFaultedRequestsLeaveNoThreadsSocketsOrMemoryBehind() throws Exception {
        faultedRound(); // warm-up: pools, JIT, thread pools at their working size
        Thread.sleep(1_000);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        java.util.Set<String> namesBefore = threadNames();
        long fdsBefore = openFileDescriptors();
        long heapBefore = heapAfterGc();
        for (int i = 0; i < 3; i++) {
            faultedRound();
        }
        Thread.sleep(1_000);
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        long fdsAfter = openFileDescriptors();
        long heapAfter = heapAfterGc();
        System.out.printf("after 3,000 faulted requests: threads %d → %d, open files %d → %d, heap after GC %.1f → %.1f MB%n", threadsBefore,
                threadsAfter, fdsBefore, fdsAfter, heapBefore / 1e6, heapAfter / 1e6);
        // Each faulted request held up to 4 KB + 8 KB of buffers, a record and a usage row: 3,000 leaked would be tens of MB.
        assertThat(heapAfter).as("heap after GC, bytes").isLessThanOrEqualTo(heapBefore + 16_000_000);
        java.util.Set<String> added = threadNames();
        added.removeAll(namesBefore);
        assertThat(threadsAfter).as("platform threads; new: " + added).isLessThanOrEqualTo(threadsBefore + 4);
        assertThat(fdsAfter).as("open file descriptors").isLessThanOrEqualTo(fdsBefore + 32);
    }

    /** A thousand requests that fail fast, 16 at a time, on every API. */
    private static void faultedRound() throws Exception {
        Fault[] quick = {Fault.RESET, Fault.INTERNAL_ERROR, Fault.TOO_MANY_REQUESTS, Fault.OVERLOADED};
        try (ExecutorService clients = Executors.newFixedThreadPool(16, Thread.ofVirtual().factory())) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                Api api = Api.values()[i % Api.values().length];
                Fault fault = quick[i % quick.length];
                boolean stream = i % 3 == 0;
                Target target = i % 7 == 0 ? Target.REFUSED : Target.FAULTS;
                done.add(clients.submit(() -> send(api, endpoint(api, target, null), stream, target == Target.FAULTS ? fault : null).statusCode()));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get()).isBetween(200, 599);
            }
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
