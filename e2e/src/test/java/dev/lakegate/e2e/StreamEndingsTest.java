package dev.lakegate.e2e;

import dev.lakegate.server.testing.TestGateway;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.scripted.Outcome;
import dev.lakegate.server.provider.scripted.ReceivedRequest;
import dev.lakegate.server.provider.scripted.Script;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streams that do not end normally, on every generation API: the agent hangs up mid-stream (the
 * gateway must hang up on the provider), or the provider breaks off (the agent must get one
 * in-stream error in its protocol and a clean end, SPEC §1).
 */
class StreamEndingsTest {
    private static TestGateway gateway;
    private static TestGateway.Token token;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start("");
        token = gateway.createToken("stream endings", null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void noLeftoverScripts() {
        gateway.scripted().clearScripts();
    }

    /**
     * A streaming agent reads two events and closes its connection: the scripted provider must see its
     * answer cancelled by its client within a few seconds, and the gateway must record the disconnect.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Api.class)
    void clientDisconnectMidStreamCancelsUpstream(Api api) throws Exception {
        // About 40 events half a second apart: 20 s of stream, far longer than the test waits.
        Script.ToolCall[] calls = new Script.ToolCall[5];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = Script.ToolCall.of("step_" + i, "{\"n\":" + i + "}");
        }
        gateway.scripted().enqueue(Script.text("A long, slow answer.").withToolCalls(calls).withEventDelayMs(500).withModel(api.upstreamModel));
        int before = gateway.scripted().requests().size();
        byte[] body = api.body(api.endpoint, true, 0);
        String requestId = null;
        long closedAt;
        try (Socket socket = new Socket("127.0.0.1", gateway.baseUrl().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + api.path(api.endpoint, true) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token.secret()
                    + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).as(api + " status line").startsWith("HTTP/1.1 200");
            for (String header; (header = in.readLine()) != null && !header.isEmpty(); ) {
                if (header.regionMatches(true, 0, "x-request-id:", 0, 13)) {
                    requestId = header.substring(13).trim();
                }
            }
            assertThat(requestId).as(api + ": x-request-id").isNotBlank();
            int events = 0;
            for (String line; events < 2 && (line = in.readLine()) != null; ) {
                if (line.startsWith("data:")) {
                    events++;
                }
            }
            assertThat(events).as(api + ": events read before hanging up").isEqualTo(2);
            closedAt = System.nanoTime();
        }
        ReceivedRequest upstream = gateway.scripted().awaitRequest(before + 1, Duration.ofSeconds(5));
        Outcome outcome = gateway.scripted().awaitOutcome(upstream, Duration.ofSeconds(5));
        long afterMs = (System.nanoTime() - closedAt) / 1_000_000;
        System.out.printf("%s: upstream outcome %s %d ms after the client hung up%n", api, outcome, afterMs);
        assertThat(outcome).as(api + ": how the upstream answer ended (" + afterMs + " ms after the client hung up)")
                .isEqualTo(Outcome.CLIENT_CANCELLED);
        RequestRecord record = gateway.awaitRecord(requestId);
        assertThat(record.clientDisconnected()).as(api + ": the gateway recorded the disconnect").isTrue();
        assertThat(record.streaming()).as(api + ": recorded as streaming").isTrue();
    }

    /** The provider cuts its connection after three events: exactly one in-stream error, last, then a clean end. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Api.class)
    void upstreamBreakOffEndsStreamWithOneErrorEvent(Api api) throws Exception {
        gateway.scripted().enqueue(Script.text("An answer that the provider will not finish.").withFailAfterEvents(3).withModel(api.upstreamModel));
        HttpResponse<String> response = gateway.post(api.path(api.endpoint, true), api.body(api.endpoint, true, 0), token.secret(),
                "application/json");
        String what = api + " stream after the upstream broke off:\n" + response.body();
        assertThat(response.statusCode()).as(what).isEqualTo(200);
        List<String[]> events = SseEvents.parse(response.body());
        List<String[]> errors = events.stream().filter(api::isErrorEvent).toList();
        assertThat(errors).as(what + "\n→ in-stream error events").hasSize(1);
        List<String[]> after = events.subList(events.indexOf(errors.getFirst()) + 1, events.size());
        if (api == Api.OPENAI_CHAT || api == Api.CURSOR_CHAT) {
            assertThat(after).as(what + "\n→ after the error only [DONE]").hasSize(1);
            assertThat(after.getFirst()[1]).as(what).isEqualTo("[DONE]");
        } else {
            assertThat(after).as(what + "\n→ events after the error").isEmpty();
        }
        assertThat(errors.getFirst()[1]).as(what + "\n→ the error names the provider").contains("scripted");
    }

    /** The same for Gemini's streamed JSON array (streamGenerateContent without alt=sse): still one valid JSON array. */
    @Test
    void upstreamBreakOffEndsGeminiJsonArrayWithOneError() throws Exception {
        gateway.scripted().enqueue(Script.text("An answer that the provider will not finish.").withFailAfterEvents(2)
                .withModel(TestGateway.GEMINI_UPSTREAM));
        HttpResponse<String> response = gateway.post("/gemini/v1beta/models/" + TestGateway.GEMINI + ":streamGenerateContent",
                Api.GEMINI.body(TestGateway.GEMINI, true, 0), token.secret(), "application/json");
        String what = "Gemini JSON-array stream after the upstream broke off:\n" + response.body();
        assertThat(response.statusCode()).as(what).isEqualTo(200);
        JsonNode array;
        try {
            // One JSON document and nothing after it.
            array = TestGateway.JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError(what + "\n→ is not one JSON array: " + e.getOriginalMessage(), e);
        }
        assertThat(array.isArray()).as(what).isTrue();
        List<JsonNode> errors = new ArrayList<>();
        array.forEach(n -> {
            if (n.has("error")) {
                errors.add(n);
            }
        });
        assertThat(errors).as(what + "\n→ error elements").hasSize(1);
        assertThat(array.get(array.size() - 1).has("error")).as(what + "\n→ the error is the last element").isTrue();
        assertThat(errors.getFirst().path("error").path("code").asInt()).as(what).isBetween(500, 599);
    }
}
