package dev.lakegate.server.governance.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.NewPrincipal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Budgets through a {@link TestGateway}'s admin API and Anthropic surface, as the wire sees them. */
final class BudgetGatewayClient implements AutoCloseable {
    /** An endpoint whose tokens cost USD 1 per million each way: one token is one micro-dollar. */
    static final String PRICED_ENDPOINTS = """
              - {name: priced, destinations: [{provider: scripted, model: budget-model, pricing: {input: 1.0, output: 1.0}}]}
              - {name: priced-untracked, usage_tracking: false, destinations: [{provider: scripted, model: budget-model, pricing: {input: 1.0, output: 1.0}}]}
              - {name: priced-down, destinations: [{provider: nowhere, model: m, pricing: {input: 1.0, output: 1.0}}]}
            """;
    /** 23 characters (6 tokens) and at most 1000 output tokens: 1006 micro-dollars held at admission. */
    static final String TURN = "{\"model\":\"priced\",\"max_tokens\":1000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    /** What the scripted model reports for a scripted turn: 15 micro-dollars. */
    static final Usage TURN_USAGE = new Usage(10, 5, 0, 0, 0, false);

    private final TestGateway gw;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    BudgetGatewayClient(TestGateway gw) {
        this.gw = gw;
    }

    /** A user (unless it exists: gateways may share a database) and a new token's secret. */
    String user(String name) {
        Governance g = gw.gateway().governance();
        PrincipalRecord p = g.principals().findByName(name)
                .orElseGet(() -> g.principals().create(new NewPrincipal(PrincipalType.USER, name, null, null, false, true)));
        return g.tokens().create(p, p.id(), "test", Optional.empty()).secret();
    }

    HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return gw.send(gw.request(path, gw.adminToken(), body == null ? null : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    JsonNode create(String name, String scope, String subject, String limitUsd) throws Exception {
        HttpResponse<String> r = admin("POST", "/api/2.0/budgets", """
                {"name": "%s", "scope": "%s", "subject": "%s", "period": "DAY", "limit_usd": %s}""".formatted(name, scope, subject, limitUsd));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestGateway.JSON.readTree(r.body());
    }

    /** The budget's current window, once no request holds anything on it (settlement ends with the answer). */
    JsonNode settled(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode window;
        do {
            HttpResponse<String> r = admin("GET", "/api/2.0/budgets/" + name, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            window = TestGateway.JSON.readTree(r.body()).path("current_window");
            if (window.path("reserved_usd").asDouble() == 0) {
                return window;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("budget " + name + " still holds " + window + " after 10 s");
    }

    static long micros(JsonNode usd) {
        return Math.round(usd.asDouble() * 1_000_000);
    }

    HttpResponse<String> turn(String token) throws Exception {
        return gw.post("/anthropic/v1/messages", TURN.getBytes(StandardCharsets.UTF_8), token, "application/json");
    }

    /** {@code n} turns at once; each admitted one is answered after {@code delayMs}, so all are admitted or refused before any ends. */
    List<CompletableFuture<HttpResponse<String>>> parallelTurns(String token, int n, long delayMs) {
        for (int i = 0; i < n; i++) {
            gw.scripted().enqueue(Script.text("ok").withFirstByteDelayMs(delayMs).withUsage(TURN_USAGE));
        }
        List<CompletableFuture<HttpResponse<String>>> turns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            turns.add(http.sendAsync(gw.request("/anthropic/v1/messages", token, "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TURN)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        return turns;
    }

    @Override
    public void close() {
        http.close();
    }

    /** The cost the usage record of each response carries, in micro-dollars, summed. */
    long recordedMicros(List<HttpResponse<String>> responses) throws InterruptedException {
        long sum = 0;
        for (HttpResponse<String> r : responses) {
            RequestRecord record = gw.recordOf(r);
            sum += Usd.micros(record.costUsd());
        }
        return sum;
    }
}
