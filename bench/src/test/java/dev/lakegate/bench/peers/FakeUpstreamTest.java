package dev.lakegate.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake upstream's wire shapes, and the generator measuring it over real sockets. */
class FakeUpstreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Server server;
    private static int port;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = FakeUpstream.start(0, new FakeUpstream(FakeUpstream.Faults.NONE));
        port = FakeUpstream.port(server);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        server.stop();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON of each SSE event's data line(s), and the event names, in order. */
    private static List<String> events(String sse, List<String> names) {
        List<String> data = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            for (String line : event.split("\n")) {
                if (line.startsWith("event: ")) {
                    names.add(line.substring(7));
                } else if (line.startsWith("data: ")) {
                    data.add(line.substring(6));
                }
            }
        }
        return data;
    }

    @Test
    void unaryAnswersAreAboutSixHundredBytesWithUsage() throws Exception {
        HttpResponse<String> chat = post("/v1/chat/completions", Call.chat("m", false));
        HttpResponse<String> messages = post("/prefix/v1/messages", Call.messages("m", false));

        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(chat.body().length()).isBetween(500, 700);
        JsonNode c = JSON.readTree(chat.body());
        assertThat(c.path("object").asText()).isEqualTo("chat.completion");
        assertThat(c.path("usage").path("completion_tokens").asInt()).isPositive();
        assertThat(messages.body().length()).isBetween(500, 700);
        JsonNode m = JSON.readTree(messages.body());
        assertThat(m.path("type").asText()).isEqualTo("message");
        assertThat(m.path("usage").path("output_tokens").asInt()).isPositive();
    }

    @Test
    void chatStreamIsFiftyChunksThenUsageThenDone() throws Exception {
        HttpResponse<String> r = post("/v1/chat/completions", Call.chat("m", true));

        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> data = events(r.body(), new ArrayList<>());
        assertThat(data).hasSize(Wire.STREAM_EVENTS + 2).last().isEqualTo("[DONE]");
        for (String d : data.subList(0, Wire.STREAM_EVENTS)) {
            JsonNode chunk = JSON.readTree(d);
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("choices")).hasSize(1);
        }
        assertThat(JSON.readTree(data.get(0)).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(JSON.readTree(data.get(Wire.STREAM_EVENTS - 1)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = JSON.readTree(data.get(Wire.STREAM_EVENTS));
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.at("/usage/total_tokens").asInt()).isPositive();
    }

    @Test
    void messagesStreamFollowsAnthropicsEventGrammar() throws Exception {
        List<String> names = new ArrayList<>();
        List<String> data = events(post("/v1/messages", Call.messages("m", true)).body(), names);

        List<String> expected = new ArrayList<>(List.of("message_start", "content_block_start"));
        for (int i = 0; i < Wire.STREAM_EVENTS; i++) {
            expected.add("content_block_delta");
        }
        expected.addAll(List.of("content_block_stop", "message_delta", "message_stop"));
        assertThat(names).isEqualTo(expected);
        for (int i = 0; i < names.size(); i++) {
            assertThat(JSON.readTree(data.get(i)).path("type").asText()).isEqualTo(names.get(i));
        }
        assertThat(JSON.readTree(data.get(names.size() - 2)).at("/usage/output_tokens").asInt()).isEqualTo(Wire.STREAM_EVENTS);
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertThat(post("/v1/embeddings", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void generatorTimesUnaryAndStreamedAnswers() throws Exception {
        Map<String, Object> unary = new OpenLoad("127.0.0.1", port, new Call("/v1/chat/completions", Map.of(), Call.chat("m", false)).raw(port)).closed(2, 0.3);
        Map<String, Object> stream = new OpenLoad("127.0.0.1", port, new Call("/v1/chat/completions", Map.of(), Call.chat("m", true)).raw(port)).closed(1, 0.3);
        Map<String, Object> open = new OpenLoad("127.0.0.1", port, new Call("/v1/messages", Map.of(), Call.messages("m", false)).raw(port)).open(200, 0.5, 4);

        assertThat(unary.get("errors")).isEqualTo(0L);
        assertThat((long) ((Map<?, ?>) unary.get("latency")).get("count")).isPositive();
        assertThat((double) ((Map<?, ?>) stream.get("ttfb")).get("p50")).isLessThan((double) ((Map<?, ?>) stream.get("latency")).get("p50"));
        assertThat(open.get("errors")).isEqualTo(0L);
        assertThat((long) ((Map<?, ?>) open.get("latency")).get("count")).isEqualTo(100);
    }

    @Test
    void pacedStreamsArriveTwentyMillisecondsApart() throws Exception {
        Map<String, Object> paced = new OpenLoad("127.0.0.1", port, new Call("/paced/v1/chat/completions", Map.of(), Call.chat("m", true)).raw(port))
                .paced(20);

        assertThat(paced.get("stalled")).isEqualTo(0);
        Map<?, ?> gap = (Map<?, ?>) paced.get("gap");
        assertThat((long) gap.get("count")).isEqualTo(20L * (Wire.PACED_EVENTS - 1));
        assertThat((double) gap.get("p50")).isBetween(15.0, 30.0);
    }

    @Test
    void everyNthAnswerFailsAlternatelyWithA500AndAMidStreamReset() throws Exception {
        FakeUpstream faulty = new FakeUpstream(new FakeUpstream.Faults(2));
        Server s = FakeUpstream.start(0, faulty);
        try {
            int p = FakeUpstream.port(s);
            byte[] stream = new Call("/v1/chat/completions", Map.of(), Call.chat("m", true)).raw(p);
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                try (HttpConnection c = HttpConnection.open("127.0.0.1", p, 5000)) {
                    c.send(stream);
                    HttpConnection.Response r = c.read(null);
                    outcomes.add(r.status() + " " + (r.events() == Wire.STREAM_EVENTS + 2 ? "complete" : "short"));
                } catch (java.io.IOException e) {
                    outcomes.add("broken");
                }
            }

            // requests 2 and 4 fail: 2 / 2 = 1 is odd (reset), 4 / 2 = 2 even (500)
            assertThat(outcomes).containsExactly("200 complete", "broken", "200 complete", "500 short");
            assertThat(faulty.injected500()).isEqualTo(1);
            assertThat(faulty.injectedResets()).isEqualTo(1);
        } finally {
            s.stop();
        }
    }

    @Test
    void aRefusedConnectionIsCountedAsAnError() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> r = new OpenLoad("127.0.0.1", closedPort, new Call("/v1/chat/completions", Map.of(), Call.chat("m", false)).raw(closedPort))
                .closed(1, 0.1);
        assertThat((long) r.get("errors")).isPositive();
        assertThat((String) r.get("error")).contains("Connect");
    }
}
