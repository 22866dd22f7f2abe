package dev.lakegate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A model that thinks long before its first byte must not lose the agent's connection. */
class IdleTimeoutTest {

    @Test
    void aFirstByteSlowerThanTheConnectionIdleTimeoutStillArrives() throws Exception {
        byte[] body = ("{\"model\":\"" + TestGateway.CLAUDE
                + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"think hard\"}]}").getBytes(StandardCharsets.UTF_8);
        try (TestGateway gw = TestGateway.start("idle_timeout_seconds: 1")) {
            gw.scripted().enqueue(Script.text("worth the wait").withFirstByteDelayMs(2500));
            HttpResponse<String> response = gw.post("/anthropic/v1/messages", body, gw.adminToken(), "application/json");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("worth the wait");
        }
    }
}
