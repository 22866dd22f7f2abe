package dev.lakegate.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.server.Gateway;
import dev.lakegate.server.config.GatewayConfig;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.scripted.ScriptedUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/**
 * A real gateway for tests: in-process on a random loopback port, a throwaway data folder, a
 * supplied admin token, the built-in scripted model, and one endpoint per agent surface. Every
 * finished request's {@link RequestRecord} is kept for assertions.
 */
public final class TestGateway implements AutoCloseable {
    /** Endpoint names, and the upstream models the scripted provider serves them with. */
    public static final String CLAUDE = "e2e-claude";
    public static final String CLAUDE_UPSTREAM = "claude-sonnet-4-5";
    public static final String GPT = "e2e-gpt";
    public static final String GPT_UPSTREAM = "gpt-5";
    public static final String CURSOR = "e2e-cursor";
    public static final String CURSOR_UPSTREAM = "gpt-4.1";
    public static final String GEMINI = "e2e-gemini";
    public static final String GEMINI_UPSTREAM = "gemini-2.5-pro";

    public static final ObjectMapper JSON = new ObjectMapper();

    /** A personal access token as the token API returns it once. */
    public record Token(String id, String secret) {
        @Override
        public String toString() {
            return "Token[" + id + "]";
        }
    }

    private final Path dataDir;
    private final Gateway gateway;
    private final String adminToken;
    private final List<RequestRecord> records;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestGateway(Path dataDir, Gateway gateway, String adminToken, List<RequestRecord> records) {
        this.dataDir = dataDir;
        this.gateway = gateway;
        this.adminToken = adminToken;
        this.records = records;
    }

    public static TestGateway start() throws Exception {
        return start("", "");
    }

    /** @param serverExtra more {@code server:} settings in YAML flow style, e.g. {@code "max_request_bytes: 1024"}, or empty */
    public static TestGateway start(String serverExtra) throws Exception {
        return start(serverExtra, "");
    }

    /**
     * @param serverExtra more {@code server:} settings in YAML flow style, e.g. {@code "max_request_bytes: 1024"}, or empty
     * @param moreEndpoints more endpoints as YAML list items (indented by 2), or empty
     */
    public static TestGateway start(String serverExtra, String moreEndpoints) throws Exception {
        return start(serverExtra, moreEndpoints, "");
    }

    /** @param moreProviders more providers as YAML list items (indented by 2), or empty */
    public static TestGateway start(String serverExtra, String moreEndpoints, String moreProviders) throws Exception {
        return start(serverExtra, moreEndpoints, moreProviders, "");
    }

    /** @param sections more top-level sections, e.g. {@code "lake: {commit_interval_ms: 100}"}, or empty */
    public static TestGateway start(String serverExtra, String moreEndpoints, String moreProviders, String sections) throws Exception {
        return start(serverExtra, moreEndpoints, moreProviders, sections, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param samplingRandom the draws that decide which requests inference tables record, e.g. a seeded {@code Random::nextDouble} */
    public static TestGateway start(String serverExtra, String moreEndpoints, String moreProviders, String sections,
            DoubleSupplier samplingRandom) throws Exception {
        Optional<Path> kept = SecretScan.dataRoot();
        Path dataDir = kept.isPresent() ? Files.createTempDirectory(kept.get(), "lakegate-test-") : Files.createTempDirectory("lakegate-test-");
        String adminToken = "test-admin-" + UUID.randomUUID();
        SecretScan.secret(adminToken);
        return boot(dataDir, adminToken, config(serverExtra, moreEndpoints, moreProviders, sections), samplingRandom);
    }

    /**
     * Stops this gateway and starts another on its data folder — catalogs, tables and tokens kept, the same admin
     * token — with these settings: what an operator does after creating a schema for an endpoint's inference table.
     * The data folder is deleted if the new gateway does not start.
     */
    public TestGateway restart(String moreEndpoints, String moreProviders, String sections, DoubleSupplier samplingRandom) throws Exception {
        gateway.close();
        http.close();
        return boot(dataDir, adminToken, config("", moreEndpoints, moreProviders, sections), samplingRandom);
    }

    private static GatewayConfig config(String serverExtra, String moreEndpoints, String moreProviders, String sections) {
        String yaml = sections + """

                server: {host: 127.0.0.1, port: 0%s}
                providers:
                  - {name: scripted, type: scripted}
                  - {name: nowhere, type: openai-compatible, base_url: "http://127.0.0.1:9/v1", connect_timeout_ms: 2000}
                %s
                endpoints:
                  - {name: %s, destinations: [{provider: scripted, model: %s}]}
                  - {name: %s, destinations: [{provider: scripted, model: %s}]}
                  - {name: %s, destinations: [{provider: scripted, model: %s}]}
                  - {name: %s, destinations: [{provider: scripted, model: %s}]}
                  - {name: unreachable, destinations: [{provider: nowhere, model: m}]}
                %s""".formatted(serverExtra.isBlank() ? "" : ", " + serverExtra, moreProviders.stripTrailing(),
                CLAUDE, CLAUDE_UPSTREAM, GPT, GPT_UPSTREAM, CURSOR, CURSOR_UPSTREAM, GEMINI, GEMINI_UPSTREAM, moreEndpoints);
        return GatewayConfig.parse(yaml, "test");
    }

    private static TestGateway boot(Path dataDir, String adminToken, GatewayConfig config, DoubleSupplier samplingRandom) throws Exception {
        List<RequestRecord> records = new CopyOnWriteArrayList<>();
        // No provider reads the environment here: the scripted provider's key is built in.
        Gateway gateway;
        try {
            gateway = Gateway.start(new Gateway.Options(config, dataDir, Optional.of(adminToken), name -> null, List.of(records::add),
                    samplingRandom));
        } catch (Exception e) {
            deleteTree(dataDir);
            throw e;
        }
        return new TestGateway(dataDir, gateway, adminToken, records);
    }

    public Gateway gateway() {
        return gateway;
    }

    public URI baseUrl() {
        return gateway.baseUrl();
    }

    public URI url(String pathAndQuery) {
        return URI.create(baseUrl() + pathAndQuery);
    }

    public String adminToken() {
        return adminToken;
    }

    public ScriptedUpstream scripted() {
        return gateway.scripted().orElseThrow(() -> new IllegalStateException("the gateway started no scripted model"));
    }

    /** Forgets the records of earlier requests. */
    public synchronized void clearRecords() {
        records.clear();
    }

    /** The request records so far, once the listener bus (which delivers off the request thread) has gone quiet. */
    public List<RequestRecord> settledRecords() throws InterruptedException {
        int seen = -1;
        for (int i = 0; i < 50 && seen != records.size(); i++) {
            seen = records.size();
            Thread.sleep(100);
        }
        return List.copyOf(records);
    }

    /** The record of the request that got {@code response}, by its {@code x-request-id} (never a late record of another test). */
    public RequestRecord recordOf(java.net.http.HttpResponse<?> response) throws InterruptedException {
        return awaitRecord(response.headers().firstValue("x-request-id").orElseThrow(() -> new AssertionError("no x-request-id")));
    }

    /** The record of the request the gateway answered with {@code x-request-id: requestId}. */
    public RequestRecord awaitRecord(String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            for (RequestRecord r : records) {
                if (r.requestId().equals(requestId)) {
                    return r;
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the gateway published no request record for " + requestId + " within 5 s");
    }

    /** A request to the gateway; {@code token} null sends no credential. */
    public HttpRequest.Builder request(String pathAndQuery, String token, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            b.header("content-type", contentType);
        }
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return b;
    }

    /** {@code POST} with a body of known length; {@code token} null sends no credential. */
    public HttpResponse<String> post(String pathAndQuery, byte[] body, String token, String contentType) throws IOException, InterruptedException {
        return send(request(pathAndQuery, token, contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        keepForScan(response, response.body());
        return response;
    }

    public HttpResponse<byte[]> sendBytes(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        keepForScan(response, new String(response.body(), StandardCharsets.ISO_8859_1));
        return response;
    }

    /** Error bodies and dashboard answers go to the secret scan; successful answers elsewhere may hold a secret by design (a new token). */
    private static void keepForScan(HttpResponse<?> response, String body) {
        String path = response.uri().getPath();
        if (SecretScan.enabled() && (response.statusCode() >= 400 || path.startsWith("/ui") || path.equals("/metrics"))) {
            SecretScan.answer(response.request().method() + " " + path + " -> " + response.statusCode(), body);
        }
    }

    /** Creates a token for the admin through {@code POST /api/2.0/token/create}. */
    public Token createToken(String comment, Long lifetimeSeconds) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("comment", comment);
        if (lifetimeSeconds != null) {
            body.put("lifetime_seconds", lifetimeSeconds);
        }
        JsonNode created = admin("/api/2.0/token/create", body);
        SecretScan.secret(created.path("token_value").asText());
        return new Token(created.path("token_info").path("token_id").asText(), created.path("token_value").asText());
    }

    /** Revokes a token through {@code POST /api/2.0/token/delete}. */
    public void revokeToken(Token token) throws IOException, InterruptedException {
        admin("/api/2.0/token/delete", JSON.createObjectNode().put("token_id", token.id()));
    }

    private JsonNode admin(String path, JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = post(path, JSON.writeValueAsBytes(body), adminToken, "application/json");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
        try {
            if (SecretScan.enabled()) {
                keepMetricsForScan();
            }
            gateway.close();
        } finally {
            http.close();
            if (!SecretScan.enabled()) {
                deleteTree(dataDir);
            }
        }
    }

    private void keepMetricsForScan() throws InterruptedException {
        try {
            send(request("/metrics", null, null).GET().build());
        } catch (IOException e) {
            SecretScan.answer("GET /metrics", "(not scraped: " + e + ")"); // a test stopped its gateway itself
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
