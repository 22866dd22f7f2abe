package dev.lakegate.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.testing.RedisServer;
import dev.lakegate.server.testing.TestGateway;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gateways that share one Redis share their limits; a Redis that does not answer admits or refuses by configuration. */
class RateLimitRedisGatewayTest {
    private static final String ENDPOINT = """
              - {name: shared, destinations: [{provider: scripted, model: gpt-5}], rate_limits: [{key: endpoint, calls: 20}]}
            """;
    private static final byte[] ASK = "{\"model\":\"shared\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(StandardCharsets.UTF_8);

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void twoGatewaysOnOneRedisEnforceOneEndpointLimitTogether() throws Exception {
        String section = "rate_limiting: {redis: \"" + redis.url() + "\"}";
        try (TestGateway a = TestGateway.start("", ENDPOINT, "", section); TestGateway b = TestGateway.start("", ENDPOINT, "", section);
                ExecutorService agents = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                TestGateway gw = i % 2 == 0 ? a : b;
                answers.add(agents.submit(() -> gw.post("/openai/v1/chat/completions", ASK, gw.adminToken(), "application/json")));
            }
            int admitted = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> f : answers) {
                int status = f.get().statusCode();
                if (status == 200) {
                    admitted++;
                } else if (status == 429) {
                    refused++;
                }
            }
            assertThat(admitted).as("one limit of 20 a minute for both gateways").isEqualTo(20);
            assertThat(refused).isEqualTo(40);
            assertThat(redis.command("KEYS", "lakegate:rl:shared:endpoint:-:requests:*")).startsWith("*1\r\n");
        }
    }

    @Test
    void withoutRedisRequestsAreAdmittedAndCountedByDefault() throws Exception {
        try (TestGateway gw = TestGateway.start("", ENDPOINT, "", "rate_limiting: {redis: \"redis://127.0.0.1:" + deadPort()
                + "\", redis_timeout_ms: 200}")) {
            for (int i = 0; i < 25; i++) {
                assertThat(gw.post("/openai/v1/chat/completions", ASK, gw.adminToken(), "application/json").statusCode()).isEqualTo(200);
            }
            String metrics = gw.send(gw.request("/metrics", null, null).GET().build()).body();
            assertThat(metrics).contains("lakegate_ratelimit_store_failures_total{outcome=\"admitted\"} 25.0");
        }
    }

    @Test
    void withoutRedisRequestsAreRefusedWith503WhenConfiguredTo() throws Exception {
        try (TestGateway gw = TestGateway.start("", ENDPOINT, "", "rate_limiting: {redis: \"redis://127.0.0.1:" + deadPort()
                + "\", redis_timeout_ms: 200, on_redis_failure: refuse}")) {
            HttpResponse<String> refused = gw.post("/anthropic/v1/messages",
                    "{\"model\":\"shared\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(StandardCharsets.UTF_8),
                    gw.adminToken(), "application/json");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("retry-after")).contains("1");
            JsonNode body = TestGateway.JSON.readTree(refused.body());
            assertThat(body.at("/error/type").asText()).isEqualTo("api_error");
            assertThat(body.at("/error/message").asText()).contains("cannot check rate limits");
            // Endpoints without limits do not need Redis.
            assertThat(gw.post("/openai/v1/chat/completions",
                    ("{\"model\":\"" + TestGateway.GPT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").getBytes(StandardCharsets.UTF_8),
                    gw.adminToken(), "application/json").statusCode()).isEqualTo(200);
        }
    }

    /** A loopback port nothing listens on. */
    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
