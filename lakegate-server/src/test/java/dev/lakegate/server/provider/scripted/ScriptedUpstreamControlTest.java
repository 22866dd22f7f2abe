package dev.lakegate.server.provider.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripts arriving over HTTP or inline, script matching, observation, and the non-generation routes. */
class ScriptedUpstreamControlTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private ScriptedUpstream upstream;
    private HttpClient http;

    @BeforeEach
    void start() {
        upstream = ScriptedUpstream.start(0);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        http.close();
        upstream.close();
    }

    private JsonNode ask(WireProtocol p, String text, String model) throws Exception {
        return Vendors.json(http.send(Vendors.request(upstream.baseUrl(), p, text, false, model), HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    private HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scriptsPostedOverHttpAreTakenInOrder() throws Exception {
        HttpResponse<String> posted = call("POST", "/__scripted/scripts",
                "[{\"text\":\"first\"},{\"toolCalls\":[{\"name\":\"run\",\"arguments\":{\"cmd\":\"ls\"}}]}]");
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(Json.parse(posted.body(), "x").path("queued").asInt()).isEqualTo(2);
        assertThat(Vendors.text(WireProtocol.OPENAI_RESPONSES, ask(WireProtocol.OPENAI_RESPONSES, "q", "m"))).isEqualTo("first");
        JsonNode tool = ask(WireProtocol.ANTHROPIC, "q", "m");
        assertThat(tool.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(Vendors.toolCalls(WireProtocol.ANTHROPIC, tool)).extracting(Vendors.Call::name).containsExactly("run");
        assertThat(upstream.pendingScripts()).isZero();
    }

    @Test
    void badScriptsAreRefusedWithTheReason() throws Exception {
        HttpResponse<String> r = call("POST", "/__scripted/scripts", "{\"txt\":\"typo\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Cannot read script").contains("txt");
    }

    @Test
    void inlineScriptsInThePromptWinAndOnlyForThatTurn() throws Exception {
        upstream.enqueue(Script.text("queued"));
        String prompt = "Please answer. lakegate-script: {\"text\":\"inline answer\",\"eventDelayMs\":1} and more prose";
        assertThat(Vendors.text(WireProtocol.GEMINI, ask(WireProtocol.GEMINI, prompt, "g"))).isEqualTo("inline answer");
        assertThat(upstream.pendingScripts()).isEqualTo(1);
    }

    @Test
    void aToolResultTurnHasNoUserTextSoAnInlineScriptIsNotRepeated() throws Exception {
        String body = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"lakegate-script: {\\\"toolCalls\\\":[{\\\"name\\\":\\\"run\\\"}]}\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"run\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"ok\"}]},"
                + "{\"role\":\"system\",\"content\":\"mid-conversation system text\"}]}";
        JsonNode answer = Json.parse(call("POST", "/v1/messages", body, "anthropic-version", "2023-06-01").body(), "answer");
        assertThat(answer.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(Vendors.text(WireProtocol.ANTHROPIC, answer)).isEqualTo("Tool result received: ok");
    }

    @Test
    void scriptsForAModelWaitForThatModel() throws Exception {
        upstream.enqueue(Script.text("for b").withModel("model-b"));
        assertThat(Vendors.text(WireProtocol.OPENAI_CHAT, ask(WireProtocol.OPENAI_CHAT, "q", "model-a"))).startsWith("Hello from");
        assertThat(Vendors.text(WireProtocol.OPENAI_CHAT, ask(WireProtocol.OPENAI_CHAT, "q", "model-b"))).isEqualTo("for b");
    }

    @Test
    void requestsAreRecordedWithHeadersBodyAndOutcome() throws Exception {
        http.send(Vendors.request(upstream.baseUrl(), WireProtocol.ANTHROPIC, "hello", false), HttpResponse.BodyHandlers.ofString());
        ReceivedRequest r = upstream.awaitRequest(1, WAIT);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/messages");
        assertThat(r.header("X-API-Key")).isEqualTo("test-key");
        assertThat(r.headers()).containsKey("anthropic-version");
        assertThat(r.bodyJson().path("model").asText()).isEqualTo(Vendors.MODEL);
        assertThat(upstream.awaitOutcome(r, WAIT)).isEqualTo(Outcome.COMPLETED);

        JsonNode log = Json.parse(call("GET", "/__scripted/requests", null).body(), "log");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(log.get(0).at("/headers/x-api-key").asText()).isEqualTo("test-key");
        assertThat(log.get(0).path("body").asText()).contains("hello");
    }

    @Test
    void aClientThatHangsUpMidStreamIsSeenPromptly() throws Exception {
        upstream.enqueue(Script.text("a long answer that takes its time to stream").withEventDelayMs(5_000));
        byte[] body = "{\"model\":\"m\",\"max_tokens\":10,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        long closedAt;
        try (Socket socket = new Socket("127.0.0.1", upstream.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("message_start")) {
                seen.append((char) in.read());
            }
            closedAt = System.nanoTime();
        }
        ReceivedRequest r = upstream.awaitRequest(1, WAIT);
        assertThat(upstream.awaitOutcome(r, WAIT)).isEqualTo(Outcome.CLIENT_CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void eventDelayPacesTheStreamAndTheConnectionStaysUsable() throws Exception {
        upstream.enqueue(Script.text("paced answer").withEventDelayMs(40));
        long start = System.nanoTime();
        HttpResponse<byte[]> r = http.send(Vendors.request(upstream.baseUrl(), WireProtocol.OPENAI_CHAT, "q", true), HttpResponse.BodyHandlers.ofByteArray());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        int events = Vendors.sseData(r.body()).size() + 1; // + [DONE]
        assertThat(elapsedMs).isGreaterThanOrEqualTo(40L * (events - 1));
        assertThat(upstream.awaitOutcome(upstream.awaitRequest(1, WAIT), WAIT)).isEqualTo(Outcome.COMPLETED);
        assertThat(Vendors.text(WireProtocol.OPENAI_CHAT, ask(WireProtocol.OPENAI_CHAT, "again", "m"))).endsWith("You said: again");
    }

    @Test
    void geminiStreamsAJsonArrayWithoutAltSse() throws Exception {
        HttpResponse<String> r = call("POST", "/v1beta/models/g1:streamGenerateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hey\"}]}]}");
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        JsonNode array = Json.parse(r.body(), "array");
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isGreaterThan(1);
        assertThat(array.get(array.size() - 1).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void tokenCountsModelListsAndUnknownRoutes() throws Exception {
        String anthropicBody = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}";
        JsonNode count = Json.parse(call("POST", "/v1/messages/count_tokens", anthropicBody).body(), "count");
        assertThat(count.path("input_tokens").asLong()).isEqualTo((anthropicBody.length() + 1) / 4);
        String geminiBody = "{\"contents\":[{\"parts\":[{\"text\":\"count me\"}]}]}";
        assertThat(Json.parse(call("POST", "/v1/models/g:countTokens", geminiBody).body(), "c").path("totalTokens").asLong())
                .isEqualTo((geminiBody.length() + 1) / 4);

        assertThat(Json.parse(call("GET", "/v1/models", null, "anthropic-version", "2023-06-01").body(), "a").at("/data/0/type").asText())
                .isEqualTo("model");
        assertThat(Json.parse(call("GET", "/v1/models", null).body(), "o").path("object").asText()).isEqualTo("list");
        assertThat(Json.parse(call("GET", "/v1beta/models", null).body(), "g").at("/models/0/name").asText()).isEqualTo("models/scripted-model");

        HttpResponse<String> missing = call("POST", "/v2/nothing", "{}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no route for POST /v2/nothing");
        HttpResponse<String> invalid = call("POST", "/v1/chat/completions", "{not json");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Json.parse(invalid.body(), "e").at("/error/type").asText()).isEqualTo("invalid_request_error");
    }
}
