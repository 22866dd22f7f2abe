package dev.lakegate.server.provider.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each vendor API of the scripted model, over real HTTP, as a vendor SDK would call it. */
class ScriptedUpstreamProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static ScriptedUpstream upstream;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        upstream = ScriptedUpstream.start(0);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        upstream.close();
    }

    @BeforeEach
    void noLeftovers() {
        upstream.clearScripts();
    }

    private HttpResponse<byte[]> send(WireProtocol p, String text, boolean stream) throws Exception {
        return http.send(Vendors.request(upstream.baseUrl(), p, text, stream), HttpResponse.BodyHandlers.ofByteArray());
    }

    private ReceivedRequest last() {
        List<ReceivedRequest> all = upstream.requests();
        return all.getLast();
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void defaultAnswerEchoesTheLastUserText(WireProtocol p) throws Exception {
        HttpResponse<byte[]> r = send(p, "hi there", false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(Vendors.text(p, Vendors.json(r.body())))
                .isEqualTo("Hello from the Lakegate scripted model model-a. You said: hi there");
        assertThat(upstream.awaitOutcome(last(), WAIT)).isEqualTo(Outcome.COMPLETED);
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void defaultAnswerStreamsInSeveralDeltas(WireProtocol p) throws Exception {
        HttpResponse<byte[]> r = send(p, "x".repeat(300), true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        int[] deltas = {0};
        assertThat(Vendors.streamedText(p, Vendors.sseData(r.body()), deltas))
                .isEqualTo("Hello from the Lakegate scripted model model-a. You said: " + "x".repeat(200));
        assertThat(deltas[0]).isGreaterThan(1);
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void scriptedTextUnaryAndStreamed(WireProtocol p) throws Exception {
        upstream.enqueue(Script.text("Scripted answer, streamed."));
        upstream.enqueue(Script.text("Scripted answer, streamed."));
        assertThat(Vendors.text(p, Vendors.json(send(p, "q", false).body()))).isEqualTo("Scripted answer, streamed.");
        assertThat(Vendors.streamedText(p, Vendors.sseData(send(p, "q", true).body()), new int[1])).isEqualTo("Scripted answer, streamed.");
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void parallelToolCalls(WireProtocol p) throws Exception {
        Script script = Script.toolCalls(Script.ToolCall.of("run", "{\"cmd\":\"ls\"}"), Script.ToolCall.of("read", "{\"path\":\"a.txt\"}"));
        upstream.enqueue(script);
        upstream.enqueue(script);
        List<Vendors.Call> calls = Vendors.toolCalls(p, Vendors.json(send(p, "q", false).body()));
        assertThat(calls).containsExactly(new Vendors.Call("run", Json.parse("{\"cmd\":\"ls\"}", "a")),
                new Vendors.Call("read", Json.parse("{\"path\":\"a.txt\"}", "a")));
        assertThat(Vendors.streamedToolNames(p, Vendors.sseData(send(p, "q", true).body()))).containsExactly("run", "read");
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void thinkingWhereTheProtocolCarriesIt(WireProtocol p) throws Exception {
        Script script = Script.text("Done.").withThinking("Let me think.", "sig-1");
        upstream.enqueue(script);
        upstream.enqueue(script);
        String expected = p == WireProtocol.OPENAI_CHAT ? "" : "Let me think.";
        JsonNode body = Vendors.json(send(p, "q", false).body());
        assertThat(Vendors.thinking(p, body)).isEqualTo(expected);
        assertThat(Vendors.text(p, body)).isEqualTo("Done.");
        List<JsonNode> events = Vendors.sseData(send(p, "q", true).body());
        assertThat(Vendors.streamedThinking(p, events)).isEqualTo(expected);
        assertThat(Vendors.streamedText(p, events, new int[1])).isEqualTo("Done.");
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void errorsInTheVendorShapeWithRetryAfter(WireProtocol p) throws Exception {
        upstream.enqueue(Script.error(429, "Slow down, scripted").withRetryAfterSeconds(3));
        HttpResponse<byte[]> r = send(p, "q", true);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).hasValue("3");
        JsonNode body = Vendors.json(r.body());
        assertThat(Vendors.errorMessage(body)).startsWith("Slow down, scripted");
        switch (p) {
            case ANTHROPIC -> assertThat(body.at("/error/type").asText()).isEqualTo("rate_limit_error");
            case OPENAI_CHAT, OPENAI_RESPONSES -> assertThat(body.at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
            case GEMINI -> assertThat(body.at("/error/details/0/retryDelay").asText()).isEqualTo("3s");
        }
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void firstByteDelayHoldsBackTheHeaders(WireProtocol p) throws Exception {
        upstream.enqueue(Script.text("late").withFirstByteDelayMs(300));
        long start = System.nanoTime();
        HttpResponse<InputStream> r = http.send(Vendors.request(upstream.baseUrl(), p, "q", true), HttpResponse.BodyHandlers.ofInputStream());
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        try (InputStream in = r.body()) {
            in.readAllBytes();
        }
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void failAfterEventsCutsTheStream(WireProtocol p) throws Exception {
        upstream.enqueue(Script.text("This answer never finishes").withFailAfterEvents(2));
        HttpResponse<InputStream> r = http.send(Vendors.request(upstream.baseUrl(), p, "q", true), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        assertThatThrownBy(() -> {
            try (InputStream in = r.body()) {
                in.transferTo(received);
            }
        }).isInstanceOf(IOException.class);
        assertThat(Vendors.sseData(received.toByteArray())).hasSize(2);
        assertThat(upstream.awaitOutcome(last(), WAIT)).isEqualTo(Outcome.ABORTED);
    }
}
