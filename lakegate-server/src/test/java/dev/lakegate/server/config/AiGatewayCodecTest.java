package dev.lakegate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.server.governance.limits.RateLimit;
import java.util.List;
import org.junit.jupiter.api.Test;

class AiGatewayCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static AiGatewayConfig request(String body) throws Exception {
        return AiGatewayCodec.read(json(body), AiGatewayCodec.Unknown.REFUSE);
    }

    @Test
    void everyPartRoundTripsInTheApisShape() throws Exception {
        String body = """
                {"rate_limits":[{"key":"endpoint","calls":600,"tokens":2000000,"renewal_period":"minute"},
                                {"key":"user_group","principal":"data-eng","tokens":1000000,"renewal_period":"minute"}],
                 "usage_tracking_config":{"enabled":false},
                 "inference_table_config":{"catalog_name":"main","schema_name":"ai_payloads","table_name_prefix":"claude","enabled":true,
                                           "sampling_fraction":0.25,"redact_patterns":["ACME-[0-9]{6}"]},
                 "fallback_config":{"enabled":true}}""";
        AiGatewayConfig settings = request(body);
        assertThat(settings.rateLimits()).containsExactly(new RateLimit(RateLimit.Key.ENDPOINT, null, 600L, 2_000_000L, null),
                new RateLimit(RateLimit.Key.USER_GROUP, "data-eng", null, 1_000_000L, null));
        assertThat(settings.usageTracking()).isFalse();
        assertThat(settings.inferenceTable()).isEqualTo(new InferenceTableConfig("main", "ai_payloads", "claude", true, 0.25,
                List.of("ACME-[0-9]{6}")));
        assertThat(settings.fallback()).isTrue();
        assertThat(AiGatewayCodec.write(settings, "claude-sonnet").toString()).isEqualTo(json(body).toString());
        assertThat(AiGatewayCodec.parse(AiGatewayCodec.format(settings, "claude-sonnet"))).isEqualTo(settings);
    }

    @Test
    void aPartLeftOutIsOffAndAnAnswerNamesTheTableInForce() throws Exception {
        AiGatewayConfig none = new AiGatewayConfig(List.of(), false, null, false);
        assertThat(request("{}")).as("no limits, no usage rows, no table, no fallback").isEqualTo(none);
        assertThat(request("{\"rate_limits\":null,\"guardrails\":null}")).isEqualTo(none);
        AiGatewayConfig table = request("{\"inference_table_config\":{\"catalog_name\":\"main\",\"schema_name\":\"s\"},\"rate_limits\":[{\"key\":\"user\",\"calls\":\"30\"}]}");
        assertThat(table.inferenceTable().enabled()).as("as in YAML, the block turns the table on").isTrue();
        assertThat(table.rateLimits().getFirst().calls()).as("int64 as a string, as Databricks clients send it").isEqualTo(30L);
        assertThat(AiGatewayCodec.write(table, "Claude Sonnet").toString()).isEqualTo("""
                {"rate_limits":[{"key":"user","calls":30,"renewal_period":"minute"}],"usage_tracking_config":{"enabled":false},\
                "inference_table_config":{"catalog_name":"main","schema_name":"s","table_name_prefix":"claude_sonnet","enabled":true,\
                "sampling_fraction":1.0,"redact_patterns":[]},"fallback_config":{"enabled":false}}""");
    }

    @Test
    void mistakesNameTheField() {
        assertThatThrownBy(() -> request("{\"rate_limit\":[]}")).hasMessage("the body has no field 'rate_limit'; known fields: "
                + "fallback_config, guardrails, inference_table_config, rate_limits, usage_tracking_config");
        assertThatThrownBy(() -> request("{\"rate_limits\":{\"key\":\"user\"}}")).hasMessageStartingWith("rate_limits must be a list");
        assertThatThrownBy(() -> request("{\"rate_limits\":[{\"key\":\"team\",\"calls\":1}]}"))
                .hasMessage("rate_limits[0]: unknown rate limit key 'team' (expected endpoint, user, user_group or service_principal)");
        assertThatThrownBy(() -> request("{\"rate_limits\":[{\"key\":\"user\",\"calls\":\"ten\"}]}"))
                .hasMessage("rate_limits[0].calls must be a whole number, got \"ten\"");
        assertThatThrownBy(() -> request("{\"rate_limits\":[{\"key\":\"user\",\"calls\":1,\"renewal_period\":\"hour\"}]}"))
                .hasMessage("rate_limits[0]: unknown renewal_period 'hour' (only minute is supported)");
        assertThatThrownBy(() -> request("{\"rate_limits\":[{\"key\":\"user\",\"qpm\":1}]}")).hasMessageStartingWith("rate_limits[0] has no field 'qpm'");
        assertThatThrownBy(() -> request("{\"usage_tracking_config\":{}}"))
                .hasMessage("usage_tracking_config.enabled must be true or false, e.g. {\"usage_tracking_config\": {\"enabled\": true}}");
        assertThatThrownBy(() -> request("{\"fallback_config\":true}")).hasMessage("fallback_config must be a JSON object, got true");
        assertThatThrownBy(() -> request("{\"inference_table_config\":{\"sampling_fraction\":\"all\"}}"))
                .hasMessageStartingWith("inference_table_config.sampling_fraction must be a number");
        assertThatThrownBy(() -> request("{\"guardrails\":{\"input\":{\"safety\":true}}}"))
                .hasMessage("guardrails are not supported by Lakegate: leave guardrails out");
    }

    @Test
    void aStoredDocumentKeepsReadingWhenANewerGatewayAddedAField() {
        assertThat(AiGatewayCodec.parse("{\"fallback_config\":{\"enabled\":true,\"max_attempts\":3},\"budgets\":[]}").fallback()).isTrue();
    }

    @Test
    void settingsThatCannotRunAreAProblemNamingThePart() throws Exception {
        assertThat(request("{\"rate_limits\":[{\"key\":\"user_group\",\"calls\":1}]}").problem("e"))
                .contains("endpoint 'e' rate_limits[0]: a user_group limit needs principal: the group's name");
        assertThat(request("{\"inference_table_config\":{\"catalog_name\":\"main\",\"schema_name\":\"s\",\"sampling_fraction\":2}}").problem("e"))
                .contains("endpoint 'e' inference_table_config: sampling_fraction must be between 0 and 1, not 2.0");
        assertThat(request("{\"inference_table_config\":{\"enabled\":true}}").problem("e"))
                .contains("endpoint 'e' inference_table_config: catalog_name and schema_name are required");
        assertThat(request("{\"inference_table_config\":{\"enabled\":false}}").problem("e")).isEmpty();
    }
}
