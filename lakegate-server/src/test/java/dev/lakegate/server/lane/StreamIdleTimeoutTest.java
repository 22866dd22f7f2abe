package dev.lakegate.server.lane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An upstream that stalls in the middle of a stream: after {@code stream_idle_timeout_ms} of silence the agent's
 * stream ends with its protocol's in-stream error, on both lanes, and the usage row says the upstream failed.
 */
class StreamIdleTimeoutTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start("", """
                  - {name: stalls, destinations: [{provider: impatient, model: claude-sonnet-4-5}]}
                  - {name: stalls-x, destinations: [{provider: impatient-chat, model: gpt-5}]}
                """, """
                  - {name: impatient, type: scripted, stream_idle_timeout_ms: 300}
                  - {name: impatient-chat, type: scripted, protocols: [openai.chat], stream_idle_timeout_ms: 300}
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    private static HttpResponse<String> stream(String model) throws Exception {
        // The second event comes 2 s after the first: far beyond the 300 ms the provider allows.
        gw.scripted().enqueue(Script.text("one two three").withEventDelayMs(2_000));
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gw.url("/anthropic/v1/messages"))
                .header("x-api-key", gw.adminToken()).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_800));
        return response;
    }

    @Test
    void aStalledPassthroughStreamEndsWithAnInStreamError() throws Exception {
        HttpResponse<String> response = stream("stalls");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("event: message_start").contains("event: error").contains("no data for 300 ms")
                .doesNotContain("message_stop");
        RequestRecord record = gw.recordOf(response);
        assertThat(record.errorType()).isEqualTo("UPSTREAM_ERROR");
        assertThat(record.streaming()).isTrue();
    }

    @Test
    void aStalledTranslatedStreamEndsWithAnInStreamError() throws Exception {
        HttpResponse<String> response = stream("stalls-x");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("event: error").contains("no data for 300 ms").doesNotContain("message_stop");
        assertThat(gw.recordOf(response).errorType()).isEqualTo("UPSTREAM_ERROR");
    }
}
