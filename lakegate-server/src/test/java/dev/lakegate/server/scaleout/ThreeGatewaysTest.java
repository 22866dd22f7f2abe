package dev.lakegate.server.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.server.config.DatabaseConfig;
import dev.lakegate.server.store.PostgresServer;
import dev.lakegate.server.testing.GatewayProcess;
import dev.lakegate.server.testing.RedisServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's scale-out proof: three real gateway processes ({@code lakegate serve}) share one PostgreSQL
 * control plane and one Redis for rate-limit buckets, and enforce one organisation's rules together: an
 * endpoint's rate limit, a revoked token, a budget.
 */
class ThreeGatewaysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String ADMIN = "three-gateways-admin-" + System.nanoTime();
    /** The endpoint ceiling all three enforce together. */
    private static final int QPM = 60;

    @TempDir
    static Path dir;
    /** Managed tables of all three: created by whichever gateway first needs one, written by all. */
    private static String SHARED_LAKE;
    private static RedisServer redis;
    private static final List<GatewayProcess> gateways = new ArrayList<>();

    /**
     * Redis may take 2 s before a check counts as failed (and is admitted): three gateways, PostgreSQL, Redis
     * and the test share two cores here, where the default 250 ms is sometimes missed by a starved process.
     */
    @BeforeAll
    static void start() throws Exception {
        DatabaseConfig database = PostgresServer.shared().createDatabase();
        SHARED_LAKE = dir.resolve("shared-lake").toString();
        redis = RedisServer.start();
        for (int i = 0; i < 3; i++) {
            int port = GatewayProcess.freePort();
            Path config = dir.resolve("gateway-" + i + ".yaml");
            Files.writeString(config, """
                    server: {host: 127.0.0.1, port: %d}
                    database: {url: '%s', user: %s, change_poll_ms: 500}
                    lake: {managed_location: '%s'}
                    rate_limiting: {redis: '%s', redis_timeout_ms: 2000}
                    providers: [{name: scripted, type: scripted}]
                    endpoints:
                      - {name: shared, destinations: [{provider: scripted, model: m}], rate_limits: [{key: endpoint, calls: %d}]}
                      - {name: open, destinations: [{provider: scripted, model: m}]}
                      - {name: budgeted, destinations: [{provider: scripted, model: gpt-4.1}]}
                      - {name: warm, destinations: [{provider: scripted, model: m}], rate_limits: [{key: endpoint, calls: 1000000}]}
                    """.formatted(port, database.url(), database.user(), SHARED_LAKE, redis.url(), QPM));
            gateways.add(GatewayProcess.start(config, dir.resolve("data-" + i), port,
                    Map.of("LAKEGATE_ADMIN_TOKEN", ADMIN, DatabaseConfig.PASSWORD_ENV, database.password())));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayProcess g : gateways) {
            g.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void anEndpointLimitDrivenFromAllThreeAtOnceAdmitsItsQuotaInTheMinute() throws Exception {
        int perGateway = 50; // 150 requests in a second or two: 2.5 times the minute's quota
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            // Running gateways are warm: their Redis connection is open and the bucket code compiled.
            List<Future<Integer>> warm = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                GatewayProcess g = gateways.get(i % 3);
                warm.add(pool.submit(() -> chat(g, "warm", ADMIN).statusCode()));
            }
            for (Future<Integer> w : warm) {
                assertThat(w.get()).isEqualTo(200);
            }
            for (int i = 0; i < perGateway; i++) {
                for (GatewayProcess g : gateways) {
                    statuses.add(pool.submit(() -> chat(g, "shared", ADMIN).statusCode()));
                }
            }
        }
        int admitted = 0;
        int refused = 0;
        for (Future<Integer> s : statuses) {
            switch (s.get()) {
                case 200 -> admitted++;
                case 429 -> refused++;
                default -> throw new AssertionError("unexpected status " + s.get());
            }
        }
        StringBuilder failures = new StringBuilder();
        for (GatewayProcess g : gateways) {
            String metrics = HTTP.send(HttpRequest.newBuilder(g.url("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            metrics.lines().filter(l -> l.startsWith("lakegate_ratelimit_store_failures_total")).forEach(l -> failures.append(l).append('\n'));
            g.output().lines().filter(l -> l.contains("RateLimiter")).forEach(l -> failures.append(l).append('\n'));
        }
        assertThat(failures.toString()).as("rate-limit checks Redis did not answer").isEmpty();
        assertThat(admitted).as("admitted in the minute by three gateways together").isBetween(QPM - 2, QPM + 2);
        assertThat(refused).isEqualTo(statuses.size() - admitted);
    }

    @Test
    void aTokenRevokedThroughOneGatewayIsRefusedByTheOthersWithinFiveSeconds() throws Exception {
        JsonNode created = JSON.readTree(post(gateways.get(0), "/api/2.0/token/create", ADMIN, "{\"comment\":\"revoke me\"}").body());
        String secret = created.path("token_value").asText();
        String tokenId = created.path("token_info").path("token_id").asText();
        for (GatewayProcess g : gateways) {
            assertThat(chat(g, "open", secret).statusCode()).as("before revocation, port " + g.port()).isEqualTo(200);
        }

        assertThat(post(gateways.get(0), "/api/2.0/token/delete", ADMIN, "{\"token_id\":\"" + tokenId + "\"}").statusCode()).isEqualTo(200);
        long revokedAt = System.nanoTime();
        for (GatewayProcess g : gateways.subList(1, 3)) {
            while (chat(g, "open", secret).statusCode() != 401) {
                assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).as("port " + g.port() + " still accepts the revoked token")
                        .isLessThan(Duration.ofSeconds(5));
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aBudgetSetThroughOneGatewayIsEnforcedByAll() throws Exception {
        for (GatewayProcess g : gateways) {
            assertThat(chat(g, "budgeted", ADMIN).statusCode()).as("before the budget, port " + g.port()).isEqualTo(200);
        }
        // One micro-dollar: no request at gpt-4.1's default prices fits.
        HttpResponse<String> created = post(gateways.get(0), "/api/2.0/budgets", ADMIN,
                "{\"name\":\"nothing-left\",\"scope\":\"ENDPOINT\",\"subject\":\"budgeted\",\"period\":\"DAY\",\"limit_usd\":0.000001}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        long createdAt = System.nanoTime();
        for (GatewayProcess g : gateways) {
            HttpResponse<String> r;
            while ((r = chat(g, "budgeted", ADMIN)).statusCode() != 403) {
                assertThat(Duration.ofNanos(System.nanoTime() - createdAt)).as("port " + g.port() + " still admits past the budget")
                        .isLessThan(Duration.ofSeconds(5));
                Thread.sleep(100);
            }
            assertThat(r.body()).contains("nothing-left").contains("budget_exceeded").contains("resets at");
        }
    }

    @Test
    void theGatewaysShareOneManagedLocation() throws Exception {
        for (GatewayProcess g : gateways) {
            HttpResponse<String> usage = HTTP.send(HttpRequest.newBuilder(g.url("/api/2.1/unity-catalog/tables/system.ai_gateway.usage"))
                    .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(usage.body()).path("storage_location").asText()).as(usage.body()).contains(SHARED_LAKE);
        }
    }

    private static HttpResponse<String> chat(GatewayProcess g, String model, String token) throws Exception {
        return post(g, "/openai/v1/chat/completions", token, "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static HttpResponse<String> post(GatewayProcess g, String path, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(g.url(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
