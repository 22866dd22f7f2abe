package dev.lakegate.server.lane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.testing.TestGateway;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An upstream that breaks off a unary answer after its head: since the gateway holds a unary answer until it is
 * whole, the agent gets a proper error answer in its protocol (not a cut connection), with the request id.
 */
class UpstreamBrokenBodyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ServerSocket upstream;
    private static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        upstream = new ServerSocket(0);
        Thread.ofVirtual().start(() -> {
            while (!upstream.isClosed()) {
                try (Socket socket = upstream.accept()) {
                    InputStream in = socket.getInputStream();
                    in.read(new byte[64 * 1024]); // the request (small: one read)
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                            + "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[").getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // closed at the end of the test
                }
            }
        });
        gw = TestGateway.start("", "  - {name: breaks, destinations: [{provider: breaking, model: m}]}\n",
                "  - {name: breaking, type: openai-compatible, base_url: 'http://127.0.0.1:" + upstream.getLocalPort() + "/v1'}\n");
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        upstream.close();
    }

    @Test
    void aUnaryAnswerBrokenOffMidBodyBecomesAnErrorAnswerInTheAgentsProtocol() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gw.url("/openai/v1/chat/completions"))
                .header("authorization", "Bearer " + gw.adminToken()).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"breaks\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = TestGateway.JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asText()).contains("breaking").contains("broke off the response");
        assertThat(response.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(response.headers().firstValue("x-lakegate-overhead-ms")).isPresent();
        assertThat(response.body()).doesNotContain("chatcmpl-1");
        assertThat(gw.recordOf(response).statusCode()).isEqualTo(502);
    }
}
