package dev.lakegate.server.lane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.scripted.ReceivedRequest;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The translation lane over real HTTP: agents in one protocol on upstreams that speak another. */
class TranslationLaneTest {
    private static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start("", """
                  - {name: on-claude, destinations: [{provider: only-anthropic, model: claude-opus-4-1}]}
                  - {name: on-gemini, destinations: [{provider: only-gemini, model: gemini-2.5-pro}]}
                  - {name: on-chat, destinations: [{provider: only-chat, model: qwen3-coder}]}
                """, """
                  - {name: only-anthropic, type: scripted, protocols: [anthropic]}
                  - {name: only-gemini, type: scripted, protocols: [gemini]}
                  - {name: only-chat, type: scripted, protocols: [openai.chat]}
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @BeforeEach
    void reset() {
        gw.scripted().clearScripts();
        gw.clearRecords();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return gw.post(path, body.getBytes(StandardCharsets.UTF_8), gw.adminToken(), "application/json");
    }

    @Test
    void chatClientOnAnAnthropicUpstreamUnaryAndStreamed() throws Exception {
        gw.scripted().enqueue(Script.text("translated hello").withUsage(new Usage(500, 20, 300, 0, 0, false)));
        HttpResponse<String> unary = post("/openai/v1/chat/completions",
                "{\"model\":\"on-claude\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(unary.statusCode()).as(unary.body()).isEqualTo(200);
        JsonNode answer = TestGateway.JSON.readTree(unary.body());
        assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
        assertThat(answer.path("choices").get(0).path("message").path("content").asText()).isEqualTo("translated hello");
        ReceivedRequest upstream = gw.scripted().requests().getLast();
        assertThat(upstream.path()).isEqualTo("/v1/messages");
        assertThat(upstream.bodyJson().path("model").asText()).isEqualTo("claude-opus-4-1");
        assertThat(upstream.bodyJson().toString()).contains("be brief");
        // by request id: a late record of the previous test may still arrive after clearRecords()
        RequestRecord record = gw.awaitRecord(unary.headers().firstValue("x-request-id").orElseThrow());
        assertThat(record.usage().inputTokens()).isEqualTo(500);
        assertThat(record.usage().cacheReadTokens()).isEqualTo(300);

        gw.scripted().enqueue(Script.text("streamed across"));
        HttpResponse<String> stream = post("/openai/v1/chat/completions",
                "{\"model\":\"on-claude\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("chat.completion.chunk").endsWith("data: [DONE]\n\n");
        assertThat(gw.scripted().requests().getLast().bodyJson().path("stream").asBoolean()).isTrue();
    }

    @Test
    void anthropicClientOnGeminiAndChatUpstreamsWithToolCalls() throws Exception {
        for (String endpoint : new String[] {"on-gemini", "on-chat"}) {
            gw.scripted().enqueue(Script.toolCalls(Script.ToolCall.of("Bash", "{\"command\":\"ls\"}")));
            HttpResponse<String> response = post("/anthropic/v1/messages", "{\"model\":\"" + endpoint
                    + "\",\"max_tokens\":100,\"stream\":true,\"tools\":[{\"name\":\"Bash\",\"description\":\"run\",\"input_schema\":"
                    + "{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\"}}}}],"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"list files\"}]}");
            assertThat(response.statusCode()).as(endpoint + ": " + response.body()).isEqualTo(200);
            assertThat(response.body()).as(endpoint).startsWith("event: message_start")
                    .contains("\"type\":\"tool_use\"").contains("\"name\":\"Bash\"").contains("input_json_delta")
                    .contains("\"stop_reason\":\"tool_use\"").contains("event: message_stop");
        }
    }

    @Test
    void upstreamErrorsComeBackInTheClientsFormat() throws Exception {
        gw.scripted().enqueue(Script.error(429, "too many").withRetryAfterSeconds(4));
        HttpResponse<String> response = post("/gemini/v1beta/models/on-claude:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}");
        assertThat(response.statusCode()).isEqualTo(429);
        JsonNode error = TestGateway.JSON.readTree(response.body()).path("error");
        assertThat(error.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.toString()).contains("RetryInfo").contains("4s");
    }

    @Test
    void countTokensUsesTheUpstreamsCounterOrAnEstimate() throws Exception {
        HttpResponse<String> counted = post("/gemini/v1beta/models/on-claude:countTokens",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"count these words please\"}]}]}");
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
        assertThat(TestGateway.JSON.readTree(counted.body()).path("totalTokens").asLong()).isPositive();
        assertThat(counted.headers().firstValue("x-lakegate-tokens-estimated")).isEmpty();
        assertThat(gw.scripted().requests().getLast().path()).isEqualTo("/v1/messages/count_tokens");

        HttpResponse<String> estimated = post("/anthropic/v1/messages/count_tokens",
                "{\"model\":\"on-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(400) + "\"}]}");
        assertThat(estimated.statusCode()).as(estimated.body()).isEqualTo(200);
        assertThat(TestGateway.JSON.readTree(estimated.body()).path("input_tokens").asLong()).isBetween(450L, 560L);
        assertThat(estimated.headers().firstValue("x-lakegate-tokens-estimated")).hasValue("true");
    }
}
