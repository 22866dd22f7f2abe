package dev.lakegate.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.observe.Attempt;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ai-gateway settings set through {@code PUT /api/2.0/serving-endpoints/{name}/ai-gateway} change what a running
 * gateway does with the next request: rate limits, usage rows, inference-table rows, fallback (docs/design/018).
 */
class AiGatewaySettingsGatewayTest {
    private static final String ON = "\"usage_tracking_config\":{\"enabled\":true},\"fallback_config\":{\"enabled\":true}";
    private static TestGateway gw;
    private static LakeClient lake;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start("", """
                  - {name: tuned, destinations: [{provider: scripted, model: gpt-5}]}
                  - name: resilient
                    destinations:
                      - {provider: scripted, model: primary-model, priority: 0}
                      - {provider: scripted, model: backup-model, priority: 1}
                """, "", "lake: {commit_interval_ms: 100}");
        lake = new LakeClient(gw);
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @AfterEach
    void reset() throws Exception {
        gw.scripted().clearScripts();
        for (String endpoint : List.of("tuned", "resilient")) {
            assertThat(settings(gw, "DELETE", endpoint, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRateLimitPutRefusesTheNextRequestOverItAndAResetLiftsIt() throws Exception {
        assertThat(chat(gw, "tuned").statusCode()).isEqualTo(200);
        assertThat(settings(gw, "PUT", "tuned", "{\"rate_limits\":[{\"key\":\"user\",\"calls\":1}]," + ON + "}").statusCode()).isEqualTo(200);
        assertThat(chat(gw, "tuned").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = chat(gw, "tuned");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("the per-user default of endpoint tuned: 1 request per minute");

        settings(gw, "DELETE", "tuned", null);
        assertThat(chat(gw, "tuned").statusCode()).isEqualTo(200);
    }

    @Test
    void usageTrackingOffWritesNoUsageRow() throws Exception {
        settings(gw, "PUT", "tuned", "{\"usage_tracking_config\":{\"enabled\":false},\"fallback_config\":{\"enabled\":true}}");
        HttpResponse<String> untracked = chat(gw, "tuned");
        assertThat(gw.recordOf(untracked).usageTracked()).isFalse();
        settings(gw, "DELETE", "tuned", null);
        HttpResponse<String> tracked = chat(gw, "tuned");

        String ids = "'" + requestId(untracked) + "', '" + requestId(tracked) + "'";
        List<List<String>> rows = awaitRows("SELECT request_id FROM system.ai_gateway.usage WHERE request_id IN (" + ids + ")");
        assertThat(rows).as("rows are written in order, so the untracked one would be there by now").containsExactly(List.of(requestId(tracked)));
    }

    @Test
    void enablingAnInferenceTableCreatesItThenRecordsPayloads() throws Exception {
        lake.admin("CREATE CATALOG IF NOT EXISTS main");
        String missing = "{\"inference_table_config\":{\"catalog_name\":\"main\",\"schema_name\":\"payloads\"}," + ON + "}";
        HttpResponse<String> refused = settings(gw, "PUT", "tuned", missing);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused)).isEqualTo("endpoint 'tuned' inference_table_config: cannot write main.payloads.tuned_payload: schema"
                + " main.payloads does not exist; as an admin, run CREATE SCHEMA main.payloads first, then send the settings again");

        lake.admin("CREATE SCHEMA main.payloads");
        lake.admin("CREATE TABLE main.payloads.odd_payload (request_id STRING)");
        HttpResponse<String> odd = settings(gw, "PUT", "tuned", missing.replace("\"payloads\"}", "\"payloads\",\"table_name_prefix\":\"odd\"}"));
        assertThat(odd.statusCode()).isEqualTo(400);
        assertThat(error(odd)).contains("main.payloads.odd_payload has other columns");

        assertThat(settings(gw, "PUT", "tuned", missing).statusCode()).isEqualTo(200);
        assertThat(lake.admin("SHOW TABLES IN main.payloads")).extracting(row -> row.get(1)).contains("tuned_payload");
        HttpResponse<String> recorded = chat(gw, "tuned");
        assertThat(awaitRows("SELECT endpoint_name, status_code FROM main.payloads.tuned_payload WHERE request_id = '" + requestId(recorded) + "'"))
                .containsExactly(List.of("tuned", "200"));
    }

    @Test
    void fallbackOffTriesNoSecondDestination() throws Exception {
        gw.scripted().enqueue(Script.error(503, "primary is down").withModel("primary-model"));
        RequestRecord fellBack = gw.recordOf(chat(gw, "resilient"));
        assertThat(fellBack.attempts()).extracting(Attempt::destination).containsExactly("scripted/primary-model", "scripted/backup-model");

        settings(gw, "PUT", "resilient", "{\"usage_tracking_config\":{\"enabled\":true},\"fallback_config\":{\"enabled\":false}}");
        gw.scripted().enqueue(Script.error(503, "primary is down").withModel("primary-model"));
        HttpResponse<String> failed = chat(gw, "resilient");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(gw.recordOf(failed).attempts()).extracting(Attempt::destination).containsExactly("scripted/primary-model");
        assertThat(awaitRows("SELECT len(routing_information.attempts), destination_model FROM system.ai_gateway.usage WHERE request_id = '"
                + requestId(failed) + "'")).containsExactly(List.of("1", "primary-model"));
    }

    @Test
    void theSettingsSurviveARestartAndWinOverAChangedFileUntilReset() throws Exception {
        String endpoint = "  - {name: kept, destinations: [{provider: scripted, model: gpt-5}], rate_limits: [{key: endpoint, calls: %d}]%s}\n";
        TestGateway first = TestGateway.start("", endpoint.formatted(100, ""));
        assertThat(settings(first, "PUT", "kept", "{\"rate_limits\":[{\"key\":\"endpoint\",\"calls\":7}]," + ON + "}").statusCode()).isEqualTo(200);
        try (TestGateway second = first.restart(endpoint.formatted(50, ", usage_tracking: false"), "", "", Math::random)) {
            JsonNode kept = TestGateway.JSON.readTree(settings(second, "GET", "kept", null).body());
            assertThat(kept.path("source").asText()).isEqualTo("api");
            assertThat(kept.at("/rate_limits/0/calls").asLong()).isEqualTo(7);
            assertThat(second.recordOf(chat(second, "kept")).usageTracked()).isTrue();

            JsonNode configured = TestGateway.JSON.readTree(settings(second, "DELETE", "kept", null).body());
            assertThat(configured.path("source").asText()).isEqualTo("configuration");
            assertThat(configured.at("/rate_limits/0/calls").asLong()).isEqualTo(50);
            assertThat(second.recordOf(chat(second, "kept")).usageTracked()).isFalse();
        }
    }

    static HttpResponse<String> chat(TestGateway gateway, String model) throws Exception {
        return gateway.post("/openai/v1/chat/completions", ("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .getBytes(StandardCharsets.UTF_8), gateway.adminToken(), "application/json");
    }

    static HttpResponse<String> settings(TestGateway gateway, String method, String endpoint, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return gateway.send(gateway.request("/api/2.0/serving-endpoints/" + endpoint + "/ai-gateway", gateway.adminToken(), "application/json")
                .method(method, publisher).build());
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return TestGateway.JSON.readTree(response.body()).path("message").asText();
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("x-request-id").orElseThrow();
    }

    /** The query's rows once it has any (rows are committed within the 100 ms commit interval plus batching). */
    private static List<List<String>> awaitRows(String sql) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<List<String>> rows;
        while ((rows = lake.admin(sql)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return rows;
    }
}
