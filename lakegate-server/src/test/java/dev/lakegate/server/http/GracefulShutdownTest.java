package dev.lakegate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.testing.TestGateway;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {

    @Test
    void anOpenStreamFinishesWhileTheGatewayShutsDown() throws Exception {
        TestGateway gw = TestGateway.start("shutdown_grace_seconds: 20", "");
        gw.scripted().enqueue(Script.text("a stream that is still running when the operator stops the gateway").withEventDelayMs(150));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(gw.url("/anthropic/v1/messages"))
                .header("authorization", "Bearer " + gw.adminToken())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + TestGateway.CLAUDE
                        + "\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        StringBuilder received = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            received.append(reader.readLine()).append('\n'); // the stream is open
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> {
                try {
                    gw.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String line;
            while ((line = reader.readLine()) != null) {
                received.append(line).append('\n');
            }
            shutdown.get();
        }
        assertThat(received.toString()).startsWith("event: message_start").contains("event: message_stop");
    }
}
