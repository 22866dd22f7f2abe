package dev.lakegate.server.lane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.ScriptedCredential;
import dev.lakegate.server.provider.scripted.ReceivedRequest;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.testing.TestGateway;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The passthrough lane over real HTTP: the scripted model upstream, the JDK client as the agent. */
class PassthroughLaneTest {
    private static TestGateway gw;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Usage SCRIPTED_USAGE = new Usage(1200, 80, 1000, 100, 0, false);

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @BeforeEach
    void drain() throws Exception {
        gw.scripted().clearScripts();
        gw.clearRecords();
    }

    private static HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(gw.url(path))
                .header("authorization", "Bearer " + gw.adminToken())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String anthropicBody(boolean stream) {
        return "{\"model\":\"" + TestGateway.CLAUDE + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    @Test
    void streamsEachEventAsItArrivesWithoutBuffering() throws Exception {
        gw.scripted().enqueue(Script.text("one two three four five six seven eight").withEventDelayMs(250));
        HttpResponse<InputStream> response = HTTP.send(post("/anthropic/v1/messages?beta=true", anthropicBody(true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<Long> arrivals = new ArrayList<>();
        List<String> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    events.add(line.substring(7));
                    arrivals.add(System.nanoTime());
                }
            }
        }
        assertThat(events.getFirst()).isEqualTo("message_start");
        assertThat(events.getLast()).isEqualTo("message_stop");
        // With 250 ms between upstream events, a buffering proxy would deliver them all at once.
        long spreadMs = (arrivals.getLast() - arrivals.getFirst()) / 1_000_000;
        assertThat(spreadMs).isGreaterThanOrEqualTo(250L * (events.size() - 2));
    }

    @Test
    void rewritesTheModelAndSwapsTheCredential() throws Exception {
        HttpResponse<String> response = HTTP.send(post("/anthropic/v1/messages?beta=true", anthropicBody(false))
                .header("anthropic-beta", "claude-code-20250219").header("anthropic-version", "2023-06-01").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        ReceivedRequest upstream = gw.scripted().requests().getLast();
        assertThat(upstream.bodyJson().path("model").asText()).isEqualTo(TestGateway.CLAUDE_UPSTREAM);
        assertThat(upstream.bodyText()).isEqualTo(anthropicBody(false).replace(TestGateway.CLAUDE, TestGateway.CLAUDE_UPSTREAM));
        assertThat(upstream.header("x-api-key")).isEqualTo(ScriptedCredential.KEY);
        assertThat(upstream.header("authorization")).isNull();
        assertThat(upstream.header("anthropic-beta")).isEqualTo("claude-code-20250219");
        assertThat(upstream.query()).isEqualTo("beta=true");
        assertThat(upstream.headers().toString()).doesNotContain(gw.adminToken());
        assertThat(response.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    }

    @Test
    void tapsUsageFromEachProtocolStreamedAndUnary() throws Exception {
        record Case(String path, String body) {}
        String chat = "{\"model\":\"" + TestGateway.GPT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        String responses = "{\"model\":\"" + TestGateway.GPT + "\",\"input\":\"hi\"";
        String gemini = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
        List<Case> cases = List.of(
                new Case("/anthropic/v1/messages", anthropicBody(false)),
                new Case("/anthropic/v1/messages", anthropicBody(true)),
                new Case("/openai/v1/chat/completions", chat + "}"),
                new Case("/openai/v1/chat/completions", chat + ",\"stream\":true}"),
                new Case("/openai/v1/responses", responses + "}"),
                new Case("/codex/v1/responses", responses + ",\"stream\":true}"),
                new Case("/gemini/v1beta/models/" + TestGateway.GEMINI + ":generateContent", gemini),
                new Case("/gemini/v1beta/models/" + TestGateway.GEMINI + ":streamGenerateContent?alt=sse", gemini),
                new Case("/gemini/v1beta/models/" + TestGateway.GEMINI + ":streamGenerateContent", gemini));
        for (Case c : cases) {
            gw.scripted().enqueue(Script.text("counted answer").withUsage(SCRIPTED_USAGE));
            HttpResponse<String> response = HTTP.send(post(c.path(), c.body()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(c.toString()).isEqualTo(200);
            assertThat(response.body()).as(c.toString()).contains("coun"); // streams split the text into pieces
            RequestRecord record = gw.recordOf(response);
            assertThat(record.usage().inputTokens()).as(c.toString()).isEqualTo(1200);
            assertThat(record.usage().outputTokens()).as(c.toString()).isEqualTo(80);
            assertThat(record.usage().cacheReadTokens()).as(c.toString()).isEqualTo(1000);
            assertThat(record.statusCode()).isEqualTo(200);
            assertThat(record.errorType()).isNull();
            assertThat(record.requester()).isEqualTo("admin");
        }
    }

    @Test
    void chatStreamsAskTheUpstreamForUsage() throws Exception {
        String body = "{\"model\":\"" + TestGateway.GPT + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> response = HTTP.send(post("/cursor/v1/chat/completions", body).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        JsonNode upstream = gw.scripted().requests().getLast().bodyJson();
        assertThat(upstream.path("stream_options").path("include_usage").asBoolean()).isTrue();
        RequestRecord record = gw.recordOf(response);
        assertThat(record.apiType()).isEqualTo("cursor/v1/chat/completions");
        assertThat(record.usage().outputTokens()).isPositive();
        assertThat(record.streaming()).isTrue();
    }

    @Test
    void upstreamErrorsReachTheAgentInItsOwnFormatWithRetryHints() throws Exception {
        gw.scripted().enqueue(Script.error(429, "slow down").withRetryAfterSeconds(3));
        HttpResponse<String> response = HTTP.send(post("/anthropic/v1/messages", anthropicBody(true)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("3");
        JsonNode error = TestGateway.JSON.readTree(response.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(gw.recordOf(response).statusCode()).isEqualTo(429);
    }

    @Test
    void aBrokenUpstreamStreamEndsWithTheProtocolsErrorEvent() throws Exception {
        gw.scripted().enqueue(Script.text("this answer will break off in the middle").withFailAfterEvents(3));
        HttpResponse<String> response = HTTP.send(post("/anthropic/v1/messages", anthropicBody(true)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("event: message_start").contains("event: error\ndata: {\"type\":\"error\"")
                .doesNotContain("message_stop");
        assertThat(response.body().split("event: error", -1)).as("exactly one error event").hasSize(2);
        assertThat(response.body()).endsWith("\n\n");
        RequestRecord record = gw.recordOf(response);
        assertThat(record.errorType()).isEqualTo("UPSTREAM_ERROR");
        assertThat(record.statusCode()).isEqualTo(200);
    }

    @Test
    void anUnreachableProviderIsA503InTheSurfaceFormat() throws Exception {
        String body = "{\"model\":\"unreachable\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> response = HTTP.send(post("/openai/v1/chat/completions", body).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode error = TestGateway.JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asText()).contains("nowhere").contains("refused");
        assertThat(error.has("type")).isTrue();
        assertThat(gw.recordOf(response).errorType()).isEqualTo("UPSTREAM_UNAVAILABLE");
    }

    @Test
    void countTokensPassesThroughToUpstreamCounters() throws Exception {
        HttpResponse<String> anthropic = HTTP.send(post("/anthropic/v1/messages/count_tokens",
                "{\"model\":\"" + TestGateway.CLAUDE + "\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(TestGateway.JSON.readTree(anthropic.body()).path("input_tokens").asLong()).isPositive();
        assertThat(gw.scripted().requests().getLast().path()).isEqualTo("/v1/messages/count_tokens");
        HttpResponse<String> gemini = HTTP.send(post("/gemini/v1beta/models/" + TestGateway.GEMINI + ":countTokens",
                "{\"contents\":[{\"parts\":[{\"text\":\"count me\"}]}]}").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(TestGateway.JSON.readTree(gemini.body()).path("totalTokens").asLong()).isPositive();
        assertThat(gw.scripted().requests().getLast().path()).isEqualTo("/v1beta/models/" + TestGateway.GEMINI_UPSTREAM + ":countTokens");
    }

    @Test
    void modelListsUseEachSurfacesFormat() throws Exception {
        JsonNode anthropic = getJson("/anthropic/v1/models");
        assertThat(anthropic.path("data").findValuesAsText("id")).contains(TestGateway.CLAUDE, TestGateway.GEMINI);
        assertThat(anthropic.path("has_more").asBoolean(true)).isFalse();
        JsonNode openai = getJson("/openai/v1/models");
        assertThat(openai.path("object").asText()).isEqualTo("list");
        assertThat(openai.path("data").get(0).path("object").asText()).isEqualTo("model");
        JsonNode gemini = getJson("/gemini/v1beta/models");
        assertThat(gemini.path("models").findValuesAsText("name")).contains("models/" + TestGateway.GEMINI);
    }

    @Test
    void claudeCodesPreconnectHeadNeedsNoTokenAndHealthAndMetricsAnswer() throws Exception {
        HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(gw.url("/anthropic")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(HTTP.send(HttpRequest.newBuilder(gw.url("/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        assertThat(HTTP.send(HttpRequest.newBuilder(gw.url("/readyz")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("ready");
        gw.recordOf(HTTP.send(post("/anthropic/v1/messages", anthropicBody(false)).build(), HttpResponse.BodyHandlers.ofString()));
        String metrics = HTTP.send(HttpRequest.newBuilder(gw.url("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("lakegate_requests_total{").contains("api_type=\"anthropic/v1/messages\"")
                .contains("lakegate_request_latency_seconds_bucket");
    }

    @Test
    void aUnaryAnswerGoesOutWholeWithItsLengthUnlessItIsTooLargeToHold() throws Exception {
        HttpResponse<String> small = HTTP.send(post("/anthropic/v1/messages", anthropicBody(false)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.headers().firstValueAsLong("content-length")).hasValue(small.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(TestGateway.JSON.readTree(small.body()).path("type").asText()).isEqualTo("message");

        String text = "word ".repeat(300_000); // 1.5 MB: beyond what the gateway holds, so it is relayed as it comes
        gw.scripted().enqueue(Script.text(text));
        HttpResponse<String> large = HTTP.send(post("/anthropic/v1/messages", anthropicBody(false)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(large.statusCode()).isEqualTo(200);
        assertThat(large.headers().firstValue("content-length")).isEmpty();
        assertThat(TestGateway.JSON.readTree(large.body()).path("content").get(0).path("text").asText()).isEqualTo(text);
    }

    @Test
    void theOverheadHeaderAndHistogramLeaveOutTheUpstreamsTime() throws Exception {
        gw.scripted().enqueue(Script.text("one two three four").withFirstByteDelayMs(400).withEventDelayMs(100));
        HttpResponse<String> response = HTTP.send(post("/anthropic/v1/messages", anthropicBody(true)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        // The head is sent once the upstream's arrives: the 400 ms the upstream took to answer are not the gateway's.
        double headerMs = Double.parseDouble(response.headers().firstValue("x-lakegate-overhead-ms").orElseThrow());
        assertThat(headerMs).isGreaterThan(0).isLessThan(200);
        RequestRecord record = gw.recordOf(response);
        assertThat(record.latencyMs()).isGreaterThanOrEqualTo(800);
        assertThat(record.overheadMicros()).isPositive().isLessThan(200_000).isGreaterThanOrEqualTo((long) (headerMs * 1000) - 1);

        // An answer the gateway makes itself carries it too, and all of its time is the gateway's.
        HttpResponse<String> refused = HTTP.send(post("/anthropic/v1/messages", anthropicBody(false).replace(TestGateway.CLAUDE, "no-such-model"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("x-lakegate-overhead-ms")).hasValueSatisfying(v -> assertThat(Double.parseDouble(v)).isPositive());

        String metrics = HTTP.send(HttpRequest.newBuilder(gw.url("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("lakegate_request_overhead_seconds_bucket{api_type=\"anthropic/v1/messages\"")
                .containsPattern("lakegate_request_overhead_seconds_bucket\\{.*le=\"1\\.0E-4\".*} ");
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(gw.url(path)).header("authorization", "Bearer " + gw.adminToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        gw.recordOf(r);
        return TestGateway.JSON.readTree(r.body());
    }
}
