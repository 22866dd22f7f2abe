package dev.lakegate.server.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.server.config.GatewayConfig;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.GovernanceFixture;
import dev.lakegate.server.governance.SettingSource;
import dev.lakegate.server.payload.InferenceTable;
import dev.lakegate.server.provider.EndpointRegistry;
import dev.lakegate.server.provider.EndpointSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serving-endpoints API and the ai-gateway settings overlay, on one gateway's governance and endpoint registry. */
class ServingEndpointsApiTest {
    static final String ENDPOINTS = "/api/2.0/serving-endpoints";
    static final String YAML = """
            providers:
              - {name: p, type: openai-compatible, base_url: "http://127.0.0.1:9/v1", api_key_env: P_KEY}
              - {name: q, type: openai-compatible, base_url: "http://127.0.0.1:9/v1"}
            endpoints:
              - name: open
                aliases: [open-*]
                destinations: [{provider: p, model: m}, {provider: q, model: n, priority: 1, weight: 5}]
                rate_limits: [{key: endpoint, calls: 600}]
                usage_tracking: false
              - name: team
                destinations: [{provider: p, model: m}]
                permissions: [{user_name: carol, permission_level: CAN_MANAGE}, {user_name: dave, permission_level: CAN_QUERY}]
              - {name: closed, permissions: [], destinations: [{provider: p, model: m}]}
            """;

    @TempDir
    Path dir;

    GovernanceFixture f;
    EndpointRegistry endpoints;
    AdminApiClient api;
    List<String> opened = new ArrayList<>();
    String tableFailure;
    Caller admin;
    Caller carol;
    Caller dave;

    @BeforeEach
    void setUp() {
        f = new GovernanceFixture(dir);
        endpoints = new EndpointRegistry();
        endpoints.load(GatewayConfig.parse(YAML, "test"), name -> name.equals("P_KEY") ? "sk-secret-key-of-provider-p" : null, null);
        f.governance.aiGateway().stored().subscribe(endpoints::overlay);
        api = new AdminApiClient(AdminApi.routes(f.governance, endpoints, (endpoint, table) -> {
            if (tableFailure != null) {
                throw new IllegalArgumentException("endpoint '" + endpoint + "' inference_table_config: cannot write " + table.name() + ": "
                        + tableFailure);
            }
            opened.add(table.name().fullName());
        }));
        admin = f.caller(f.user("root", true));
        carol = f.caller(f.user("carol", false));
        dave = f.caller(f.user("dave", false));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void theListShowsWhatTheCallerMayQueryWithItsLevelAndNoCredentials() {
        JsonNode all = api.ok(admin, "GET", ENDPOINTS, null);
        assertThat(names(all)).containsExactly("open", "team", "closed");
        assertThat(all.toString()).doesNotContain("sk-secret");
        JsonNode open = all.path("endpoints").get(0);
        assertThat(open.path("permission_level").asText()).isEqualTo("CAN_MANAGE");
        assertThat(open.path("aliases").toString()).isEqualTo("[\"open-*\"]");
        assertThat(open.path("destinations").toString()).isEqualTo("[{\"provider\":\"p\",\"provider_type\":\"openai-compatible\",\"model\":\"m\","
                + "\"weight\":100,\"priority\":0},{\"provider\":\"q\",\"provider_type\":\"openai-compatible\",\"model\":\"n\",\"weight\":5,\"priority\":1}]");
        assertThat(open.path("ai_gateway").toString()).isEqualTo("{\"rate_limits\":[{\"key\":\"endpoint\",\"calls\":600,\"renewal_period\":\"minute\"}],"
                + "\"usage_tracking_config\":{\"enabled\":false},\"fallback_config\":{\"enabled\":true},\"source\":\"configuration\"}");

        JsonNode asCarol = api.ok(carol, "GET", ENDPOINTS, null);
        assertThat(names(asCarol)).containsExactly("open", "team");
        assertThat(asCarol.path("endpoints").findValuesAsText("permission_level")).containsExactly("CAN_QUERY", "CAN_MANAGE");
        assertThat(api.ok(dave, "GET", ENDPOINTS + "/team", null).path("permission_level").asText()).isEqualTo("CAN_QUERY");

        assertThat(api.error(dave, "GET", ENDPOINTS + "/closed", null).category()).isEqualTo(ErrorCategory.PERMISSION);
        assertThat(api.error(dave, "GET", ENDPOINTS + "/nope", null).category()).isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(api.error(admin, "GET", ENDPOINTS + "/open-1/ai-gateway", null).message()).contains("no endpoint is named 'open-1'");
        assertThat(api.error(null, "GET", ENDPOINTS, null).category()).isEqualTo(ErrorCategory.AUTHENTICATION);
    }

    @Test
    void putReplacesAllFourPartsAndGetAnswersThemAsSetThroughTheApi() {
        String body = """
                {"rate_limits":[{"key":"user","calls":30,"tokens":200000,"renewal_period":"minute"}],
                 "usage_tracking_config":{"enabled":true},
                 "inference_table_config":{"catalog_name":"main","schema_name":"ai_payloads","table_name_prefix":"open","enabled":true,
                                           "sampling_fraction":0.5,"redact_patterns":["ACME-[0-9]{6}"]},
                 "fallback_config":{"enabled":false}}""";
        JsonNode stored = api.ok(admin, "PUT", ENDPOINTS + "/open/ai-gateway", body);
        assertThat(stored.toString()).as("the managed product's answer: the settings stored").isEqualTo(json(body).toString());
        assertThat(opened).containsExactly("main.ai_payloads.open_payload");

        JsonNode inForce = api.ok(dave, "GET", ENDPOINTS + "/open/ai-gateway", null);
        assertThat(inForce.path("source").asText()).isEqualTo("api");
        ((com.fasterxml.jackson.databind.node.ObjectNode) inForce).remove("source");
        assertThat(inForce).isEqualTo(stored);

        EndpointSettings settings = endpoints.find("open-7").orElseThrow().settings();
        assertThat(settings.source()).as("aliases resolve to the endpoint with its new settings").isEqualTo(SettingSource.API);
        assertThat(settings.usageTracking()).isTrue();
        assertThat(settings.fallback()).isFalse();
        assertThat(settings.rateLimits().isEmpty()).isFalse();
        assertThat(settings.inferenceTable()).extracting(InferenceTable::samplingFraction).isEqualTo(0.5);
    }

    @Test
    void aPartLeftOutOfThePutIsResetToOffAndDeleteGoesBackToTheConfiguration() {
        JsonNode stored = api.ok(admin, "PUT", ENDPOINTS + "/open/ai-gateway", "{\"rate_limits\":[{\"key\":\"endpoint\",\"calls\":5}]}");
        assertThat(stored.toString()).isEqualTo("{\"rate_limits\":[{\"key\":\"endpoint\",\"calls\":5,\"renewal_period\":\"minute\"}],"
                + "\"usage_tracking_config\":{\"enabled\":false},\"fallback_config\":{\"enabled\":false}}");
        EndpointSettings settings = endpoints.find("open").orElseThrow().settings();
        assertThat(settings.fallback()).as("fallback left out: off, as in the managed product").isFalse();
        assertThat(settings.inferenceTable()).isNull();

        api.ok(admin, "PUT", ENDPOINTS + "/open/ai-gateway", "");
        assertThat(endpoints.find("open").orElseThrow().settings().rateLimits().isEmpty()).as("an empty body turns everything off").isTrue();

        JsonNode reset = api.ok(admin, "DELETE", ENDPOINTS + "/open/ai-gateway", null);
        assertThat(reset.path("source").asText()).isEqualTo("configuration");
        assertThat(reset.path("rate_limits").get(0).path("calls").asLong()).isEqualTo(600);
        assertThat(endpoints.find("open").orElseThrow().settings().fallback()).isTrue();
        assertThat(api.ok(admin, "DELETE", ENDPOINTS + "/open/ai-gateway", null).path("source").asText()).as("idempotent")
                .isEqualTo("configuration");
    }

    @Test
    void aHolderOfCanManageMayChangeTheSettingsAPlainUserMayOnlyReadThem() {
        api.ok(carol, "PUT", ENDPOINTS + "/team/ai-gateway", "{\"usage_tracking_config\":{\"enabled\":true}}");
        assertThat(api.ok(dave, "GET", ENDPOINTS + "/team/ai-gateway", null).path("source").asText()).isEqualTo("api");
        for (String method : new String[] {"PUT", "DELETE"}) {
            GatewayError denied = api.error(dave, method, ENDPOINTS + "/team/ai-gateway", "{}");
            assertThat(denied.category()).isEqualTo(ErrorCategory.PERMISSION);
            assertThat(denied.message()).contains("'dave' does not have CAN_MANAGE on endpoint 'team'");
        }
        assertThat(api.error(carol, "PUT", ENDPOINTS + "/open/ai-gateway", "{}").category()).isEqualTo(ErrorCategory.PERMISSION);
        assertThat(api.error(dave, "GET", ENDPOINTS + "/closed/ai-gateway", null).category()).isEqualTo(ErrorCategory.PERMISSION);
        assertThat(api.error(admin, "PUT", ENDPOINTS + "/nope/ai-gateway", "{}").category()).isEqualTo(ErrorCategory.NOT_FOUND);
    }

    @Test
    void invalidSettingsAre400sWithTheReasonAndChangeNothing() {
        String put = ENDPOINTS + "/open/ai-gateway";
        assertThat(invalid(put, "{\"rate_limits\":[{\"key\":\"user_group\",\"calls\":1}]}"))
                .isEqualTo("endpoint 'open' rate_limits[0]: a user_group limit needs principal: the group's name");
        assertThat(invalid(put, "{\"rate_limits\":[{\"key\":\"user\",\"calls\":1},{\"key\":\"user\",\"tokens\":5}]}"))
                .contains("a second limit for user (the default per-user limit)");
        assertThat(invalid(put, "{\"rate_limits\":[{\"key\":\"endpoint\",\"calls\":0}]}")).contains("calls and tokens must be positive");
        assertThat(invalid(put, "{\"usage_tracking\":false}")).contains("the body has no field 'usage_tracking'");
        assertThat(invalid(put, "[]")).contains("request body must be a JSON object");
        assertThat(invalid(put, "{\"inference_table_config\":{\"catalog_name\":\"main\",\"schema_name\":\"s\",\"redact_patterns\":[\"(\"]}}"))
                .contains("redact_patterns entry '(' is not a Java regular expression");

        tableFailure = "schema main.missing does not exist; as an admin, run CREATE SCHEMA main.missing first";
        assertThat(invalid(put, "{\"inference_table_config\":{\"catalog_name\":\"main\",\"schema_name\":\"missing\"}}"))
                .isEqualTo("endpoint 'open' inference_table_config: cannot write main.missing.open_payload: schema main.missing does not exist;"
                        + " as an admin, run CREATE SCHEMA main.missing first, then send the settings again");
        assertThat(api.ok(admin, "GET", put, null).path("source").asText()).as("nothing was stored").isEqualTo("configuration");
        assertThat(opened).isEmpty();
    }

    @Test
    void apiSettingsOutliveAReloadOfTheConfiguration() {
        api.ok(admin, "PUT", ENDPOINTS + "/open/ai-gateway", "{\"fallback_config\":{\"enabled\":true}}");
        endpoints.load(GatewayConfig.parse(YAML.replace("calls: 600", "calls: 900"), "test"), name -> null, null);
        assertThat(endpoints.find("open").orElseThrow().settings().source()).isEqualTo(SettingSource.API);
        assertThat(endpoints.find("open").orElseThrow().settings().rateLimits().isEmpty()).isTrue();
        api.ok(admin, "DELETE", ENDPOINTS + "/open/ai-gateway", null);
        assertThat(api.ok(admin, "GET", ENDPOINTS + "/open/ai-gateway", null).at("/rate_limits/0/calls").asLong()).isEqualTo(900);
    }

    private String invalid(String path, String body) {
        GatewayError error = api.error(admin, "PUT", path, body);
        assertThat(error.category()).as(error.message()).isEqualTo(ErrorCategory.INVALID_REQUEST);
        return error.message();
    }

    private static List<String> names(JsonNode answer) {
        return StreamSupport.stream(answer.path("endpoints").spliterator(), false).map(e -> e.path("name").asText()).toList();
    }

    private static JsonNode json(String text) {
        try {
            return AdminApiClient.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
