package dev.lakegate.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.observe.Attempt;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fallback to the next priority before the first byte, with every attempt recorded (SPEC §2, §4). */
class FallbackTest {
    private static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start("", """
                  - name: resilient
                    aliases: [resilient-*]
                    destinations:
                      - {provider: scripted, model: primary-model, priority: 0}
                      - {provider: nowhere, model: dead-model, priority: 1}
                      - {provider: scripted, model: backup-model, priority: 2, timeout_ms: 800}
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

    private static HttpResponse<String> ask(String model, boolean stream) throws Exception {
        byte[] body = ("{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        return gw.post("/openai/v1/chat/completions", body, gw.adminToken(), "application/json");
    }

    @Test
    void a503FromTheFirstDestinationIsServedByTheNextThatWorksWithEveryAttemptRecorded() throws Exception {
        gw.scripted().enqueue(Script.error(503, "primary is down").withModel("primary-model"));
        HttpResponse<String> response = ask("resilient", true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("backup-model");
        RequestRecord record = gw.recordOf(response);
        assertThat(record.attempts()).extracting(Attempt::destination)
                .containsExactly("scripted/primary-model", "nowhere/dead-model", "scripted/backup-model");
        assertThat(record.attempts()).extracting(Attempt::statusCode).containsExactly(503, 503, 200);
        assertThat(record.attempts()).extracting(Attempt::priority).containsExactly(0, 1, 2);
        assertThat(record.attempts().get(1).errorCode()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(record.destinationModel()).isEqualTo("backup-model");
        assertThat(record.statusCode()).isEqualTo(200);
    }

    @Test
    void aTimeoutBeforeTheFirstByteFallsBackAndTheLastFailureIsWhatTheAgentSees() throws Exception {
        gw.scripted().enqueue(Script.error(429, "slow down").withRetryAfterSeconds(7).withModel("primary-model"));
        gw.scripted().enqueue(Script.text("too late").withFirstByteDelayMs(2000).withModel("backup-model"));
        HttpResponse<String> response = ask("resilient-2025", false);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("800 ms");
        RequestRecord record = gw.recordOf(response);
        assertThat(record.endpointName()).isEqualTo("resilient-2025");
        assertThat(record.attempts()).extracting(Attempt::statusCode).containsExactly(429, 503, 504);
        assertThat(record.errorType()).isEqualTo("TIMEOUT");
    }

    @Test
    void neverFallsBackOnceBytesReachedTheAgent() throws Exception {
        gw.scripted().enqueue(Script.text("a stream that breaks").withFailAfterEvents(2).withModel("primary-model"));
        HttpResponse<String> response = ask("resilient", true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"error\"").doesNotContain("backup-model");
        RequestRecord record = gw.recordOf(response);
        assertThat(record.attempts()).hasSize(1);
        assertThat(record.errorType()).isEqualTo("UPSTREAM_ERROR");
    }
}
