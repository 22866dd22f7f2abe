package dev.lakegate.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.NewPrincipal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.testing.TestGateway;
import dev.lakegate.server.usage.UsageTable;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rate limits through a real gateway: the 429 of each surface, the usage row of a refusal, tokens charged at the end (SPEC §3). */
class RateLimitGatewayTest {
    private static TestGateway gw;
    private static String alice;

    /** One agent request on one surface, to an endpoint limited to one request per minute. */
    record Case(String surface, String path, String body, String endpoint) {
        @Override
        public String toString() {
            return surface;
        }
    }

    static Stream<Case> surfaces() {
        String chat = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        return Stream.of(
                new Case("anthropic (streamed, as Claude Code)", "/anthropic/v1/messages?beta=true",
                        "{\"model\":\"%s\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "rl-anthropic"),
                new Case("openai chat", "/openai/v1/chat/completions", chat, "rl-chat"),
                new Case("openai responses (streamed, as Codex)", "/codex/v1/responses", "{\"model\":\"%s\",\"stream\":true,\"input\":\"hi\"}",
                        "rl-responses"),
                new Case("cursor", "/cursor/v1/chat/completions", chat, "rl-cursor"),
                new Case("gemini (streamed, as Gemini CLI)", "/gemini/v1beta/models/%s:streamGenerateContent?alt=sse",
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", "rl-gemini"));
    }

    @BeforeAll
    static void start() throws Exception {
        StringBuilder endpoints = new StringBuilder();
        surfaces().forEach(c -> endpoints.append("  - {name: ").append(c.endpoint()).append(", destinations: [{provider: scripted, model: ")
                .append(c.surface().startsWith("gemini") ? TestGateway.GEMINI_UPSTREAM : c.surface().startsWith("anthropic")
                        ? TestGateway.CLAUDE_UPSTREAM : TestGateway.GPT_UPSTREAM)
                .append("}], rate_limits: [{key: endpoint, calls: 1, renewal_period: minute}]}\n"));
        gw = TestGateway.start("", endpoints + """
                  - {name: tpm-claude, destinations: [{provider: scripted, model: claude-sonnet-4-5}], rate_limits: [{key: user, tokens: 1000}]}
                  - {name: tpm-codex, destinations: [{provider: scripted, model: gpt-5}], rate_limits: [{key: user, tokens: 1000}]}
                  - {name: tpm-cut, destinations: [{provider: scripted, model: claude-sonnet-4-5}], rate_limits: [{key: user, tokens: 1000}]}
                  - {name: tpm-translated, destinations: [{provider: scripted, model: gemini-2.5-pro}], rate_limits: [{key: user, tokens: 1000}]}
                  - {name: rl-count, destinations: [{provider: scripted, model: claude-sonnet-4-5}], rate_limits: [{key: endpoint, calls: 1}]}
                  - name: rl-per-user
                    destinations: [{provider: scripted, model: gpt-5}]
                    rate_limits: [{key: endpoint, calls: 100}, {key: user, calls: 1}, {key: user, principal: admin, calls: 3}]
                """, "", "lake: {commit_interval_ms: 200}");
        Governance g = gw.gateway().governance();
        PrincipalRecord a = g.principals().create(new NewPrincipal(PrincipalType.USER, "alice", null, null, false, true));
        alice = g.tokens().create(a, a.id(), "laptop", Optional.empty()).secret();
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @BeforeEach
    void reset() {
        gw.scripted().clearScripts();
    }

    private static HttpResponse<String> send(Case c, String token) throws Exception {
        return gw.post(c.path().formatted(c.endpoint()), c.body().formatted(c.endpoint()).getBytes(StandardCharsets.UTF_8), token,
                "application/json");
    }

    private static HttpResponse<String> post(String path, String body, String token) throws Exception {
        return gw.post(path, body.getBytes(StandardCharsets.UTF_8), token, "application/json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("surfaces")
    void refusalIsA429InTheSurfacesOwnFormatWithRetryHeadersAndAUsageRow(Case c) throws Exception {
        assertThat(send(c, alice).statusCode()).isEqualTo(200);
        Instant before = Instant.now();
        HttpResponse<String> refused = send(c, alice);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("content-type")).contains("application/json");
        long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.headers().firstValue("x-ratelimit-limit-requests")).contains("1");
        assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
        assertThat(refused.headers().firstValue("x-ratelimit-reset-requests")).contains(retryAfter + "s");
        String limit = "endpoint " + c.endpoint() + ": 1 request per minute";
        JsonNode body = TestGateway.JSON.readTree(refused.body());
        switch (c.endpoint()) {
            case "rl-anthropic" -> {
                assertThat(body.path("type").asText()).isEqualTo("error");
                assertThat(body.at("/error/type").asText()).isEqualTo("rate_limit_error");
                assertThat(body.at("/error/message").asText()).contains(limit);
                assertThat(refused.headers().firstValue("anthropic-ratelimit-requests-limit")).contains("1");
                assertThat(refused.headers().firstValue("anthropic-ratelimit-requests-remaining")).contains("0");
                Instant reset = Instant.parse(refused.headers().firstValue("anthropic-ratelimit-requests-reset").orElseThrow());
                assertThat(reset).isAfter(before).isBefore(before.plusSeconds(62));
                assertThat(reset.getNano()).as("RFC 3339 in whole seconds").isZero();
            }
            case "rl-chat", "rl-responses", "rl-cursor" -> {
                assertThat(body.at("/error/type").asText()).isEqualTo("requests");
                assertThat(body.at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
                assertThat(body.at("/error/message").asText()).contains(limit).contains("Please try again in " + retryAfter + "s.");
                assertThat(refused.headers().firstValue("anthropic-ratelimit-requests-limit")).isEmpty();
            }
            case "rl-gemini" -> {
                assertThat(body.at("/error/code").asInt()).isEqualTo(429);
                assertThat(body.at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
                assertThat(body.at("/error/message").asText()).contains(limit);
                assertThat(body.at("/error/details/0/@type").asText()).isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
                assertThat(body.at("/error/details/0/retryDelay").asText()).isEqualTo(retryAfter + "s");
            }
            default -> throw new AssertionError(c.endpoint());
        }

        RequestRecord record = gw.recordOf(refused);
        assertThat(record.statusCode()).isEqualTo(429);
        assertThat(record.errorType()).isEqualTo("RATE_LIMITED");
        assertThat(record.requester()).isEqualTo("alice");
        assertThat(record.endpointName()).isEqualTo(c.endpoint());
        assertThat(record.destinationProvider()).as("refused before any upstream").isNull();
        assertThat(record.usage()).isEqualTo(Usage.NONE);
    }

    @Test
    void aRefusalIsARowOfTheUsageTable() throws Exception {
        Case c = new Case("anthropic", "/anthropic/v1/messages", "{\"model\":\"%s\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "rl-per-user");
        HttpResponse<String> ok = post("/openai/v1/chat/completions", "{\"model\":\"rl-per-user\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", alice);
        assertThat(ok.statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send(c, alice);
        assertThat(refused.statusCode()).isEqualTo(429);
        String requestId = refused.headers().firstValue("x-request-id").orElseThrow();
        Row row = usageRow(requestId);
        TableInfo table = gw.gateway().lake().catalog().getTable(TableName.parse(UsageTable.NAME)).orElseThrow();
        List<String> names = table.columns().fieldNames();
        assertThat(row.get(names.indexOf("status_code"))).isEqualTo(429);
        assertThat(row.get(names.indexOf("error_type"))).isEqualTo("RATE_LIMITED");
        assertThat(row.get(names.indexOf("requester"))).isEqualTo("alice");
        assertThat(row.get(names.indexOf("endpoint_name"))).isEqualTo("rl-per-user");
    }

    @Test
    void aCustomUserLimitOverridesTheDefaultThroughTheGateway() throws Exception {
        String body = "{\"model\":\"rl-per-user\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        for (int i = 0; i < 3; i++) {
            assertThat(post("/openai/v1/chat/completions", body, gw.adminToken()).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = post("/openai/v1/chat/completions", body, gw.adminToken());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("user admin on endpoint rl-per-user: 3 requests per minute");
    }

    @Test
    void tokensOfAStreamedAnswerAreChargedAtItsEnd() throws Exception {
        gw.scripted().enqueue(Script.text("a long answer").withModel(TestGateway.CLAUDE_UPSTREAM).withUsage(new Usage(700, 400, 0, 0, 0, false)));
        String body = "{\"model\":\"tpm-claude\",\"max_tokens\":1000,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> first = post("/anthropic/v1/messages", body, alice);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("message_stop");
        HttpResponse<String> refused = post("/anthropic/v1/messages", body, alice);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("the per-user default of endpoint tpm-claude: 1000 tokens per minute");
        assertThat(refused.headers().firstValue("x-ratelimit-limit-tokens")).contains("1000");
        assertThat(refused.headers().firstValue("x-ratelimit-remaining-tokens")).contains("0");
        assertThat(refused.headers().firstValue("anthropic-ratelimit-tokens-limit")).contains("1000");
        assertThat(refused.headers().firstValue("anthropic-ratelimit-tokens-reset")).isPresent();
        assertThat(refused.headers().firstValue("x-ratelimit-limit-requests")).isEmpty();
        // Another caller has a bucket of their own.
        gw.scripted().enqueue(Script.text("ok").withModel(TestGateway.CLAUDE_UPSTREAM).withUsage(new Usage(10, 5, 0, 0, 0, false)));
        assertThat(post("/anthropic/v1/messages", body, gw.adminToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensOfAStreamedResponsesApiAnswerAreCharged() throws Exception {
        gw.scripted().enqueue(Script.text("done").withModel(TestGateway.GPT_UPSTREAM).withUsage(new Usage(900, 200, 0, 0, 100, false)));
        String body = "{\"model\":\"tpm-codex\",\"stream\":true,\"input\":\"hi\"}";
        HttpResponse<String> first = post("/codex/v1/responses", body, alice);
        assertThat(first.body()).contains("response.completed");
        HttpResponse<String> refused = post("/codex/v1/responses", body, alice);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(TestGateway.JSON.readTree(refused.body()).at("/error/message").asText()).contains("1000 tokens per minute");
    }

    @Test
    void tokensOfAStreamCutShortAreChargedToo() throws Exception {
        // The upstream reports the prompt's 5,000 tokens when the stream starts, then breaks off.
        gw.scripted().enqueue(Script.text("an answer that never finishes").withModel(TestGateway.CLAUDE_UPSTREAM)
                .withUsage(new Usage(5_000, 50, 0, 0, 0, false)).withFailAfterEvents(2));
        String body = "{\"model\":\"tpm-cut\",\"max_tokens\":1000,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> cut = post("/anthropic/v1/messages", body, alice);
        assertThat(gw.recordOf(cut).errorType()).isEqualTo("UPSTREAM_ERROR");
        assertThat(gw.recordOf(cut).usage().inputTokens()).isEqualTo(5_000);
        HttpResponse<String> refused = post("/anthropic/v1/messages", body, alice);
        assertThat(refused.statusCode()).isEqualTo(429);
        // 5,000 charged against 1,000 a minute: the debt takes five renewals to repay.
        assertThat(Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow())).isGreaterThan(240);
    }

    @Test
    void tokensOfATranslatedAnswerAreCharged() throws Exception {
        gw.scripted().enqueue(Script.text("hola").withModel(TestGateway.GEMINI_UPSTREAM).withUsage(new Usage(1_500, 20, 0, 0, 0, false)));
        String body = "{\"model\":\"tpm-translated\",\"stream\":true,\"input\":\"hi\"}";
        assertThat(post("/openai/v1/responses", body, alice).body()).contains("response.completed");
        assertThat(post("/openai/v1/responses", body, alice).statusCode()).isEqualTo(429);
    }

    @Test
    void countingTokensAndListingModelsAreNotQueries() throws Exception {
        String count = "{\"model\":\"rl-count\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}";
        for (int i = 0; i < 3; i++) {
            assertThat(post("/anthropic/v1/messages/count_tokens", count, alice).statusCode()).isEqualTo(200);
            assertThat(gw.send(gw.request("/anthropic/v1/models", alice, null).GET().build()).statusCode()).isEqualTo(200);
        }
        String ask = "{\"model\":\"rl-count\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(post("/anthropic/v1/messages", ask, alice).statusCode()).isEqualTo(200);
        assertThat(post("/anthropic/v1/messages", ask, alice).statusCode()).isEqualTo(429);
    }

    @Test
    void endpointsWithoutLimitsAreUntouched() throws Exception {
        String body = "{\"model\":\"" + TestGateway.GPT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = post("/openai/v1/chat/completions", body, alice);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).isEmpty();
        }
    }

    private static Row usageRow(String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            TableInfo table = gw.gateway().lake().catalog().getTable(TableName.parse(UsageTable.NAME)).orElseThrow();
            int id = table.columns().fieldNames().indexOf("request_id");
            for (Row r : gw.gateway().lake().tables().open(table.location()).read()) {
                if (requestId.equals(r.get(id))) {
                    return r;
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no usage row for " + requestId + " within 10 s");
    }
}
