package dev.lakegate.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The endpoint label is always a configured endpoint's name, so agents cannot grow the metrics without bound. */
class GatewayMetricsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void requestsAreLabelledWithTheEndpointTheyReachedOrUnknown() throws Exception {
        try (TestGateway gw = TestGateway.start("", "  - {name: haiku, aliases: [\"claude-haiku-*\"], destinations: [{provider: scripted, model: h}]}")) {
            for (String model : new String[] {"no-such-model-1", "no-such-model-2", "claude-haiku-4-5-20251001"}) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(gw.url("/anthropic/v1/messages"))
                        .header("authorization", "Bearer " + gw.adminToken()).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                gw.recordOf(r);
            }
            String metrics = HTTP.send(HttpRequest.newBuilder(gw.url("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).doesNotContain("no-such-model").doesNotContain("claude-haiku-4-5-20251001")
                    .containsPattern("lakegate_requests_total\\{[^}]*endpoint=\"unknown\"[^}]*status=\"404\"[^}]*} 2\\.0")
                    .containsPattern("lakegate_requests_total\\{[^}]*endpoint=\"haiku\"");
        }
    }
}
