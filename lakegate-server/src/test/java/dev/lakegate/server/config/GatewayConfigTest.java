package dev.lakegate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.server.governance.AccessControl;
import dev.lakegate.server.governance.GranteeKind;
import dev.lakegate.server.governance.PermissionLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.lakegate.server.governance.limits.OnStoreFailure;
import dev.lakegate.server.governance.limits.RateLimit;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void readsProvidersEndpointsAndDefaults() {
        GatewayConfig c = GatewayConfig.parse("""
                server:
                  port: 9090
                  max_request_bytes: 1024
                providers:
                  - name: anthropic
                    type: anthropic
                    api_key_env: ANTHROPIC_API_KEY
                    first_byte_timeout_ms: 5000
                  - name: vllm
                    type: openai-compatible
                    base_url: http://127.0.0.1:8000/v1
                  - name: fake-claude
                    type: scripted
                    protocols: [anthropic]
                endpoints:
                  - name: claude-opus
                    destinations:
                      - {provider: anthropic, model: claude-opus-4-1, weight: 80}
                      - {provider: vllm, model: qwen, priority: 1}
                """, "test.yaml");
        assertThat(c.server().port()).isEqualTo(9090);
        assertThat(c.server().maxRequestBytes()).isEqualTo(1024);
        assertThat(c.server().shutdownGraceSeconds()).isEqualTo(30);
        assertThat(c.providers().get(0).firstByteTimeoutMs()).isEqualTo(5000);
        assertThat(c.providers().get(1).spokenProtocols()).containsExactly(WireProtocol.OPENAI_CHAT);
        assertThat(c.providers().get(2).spokenProtocols()).containsExactly(WireProtocol.ANTHROPIC);
        assertThat(c.endpoints().get(0).destinations()).extracting(DestinationConfig::weight).containsExactly(80, 100);
        assertThat(c.endpoints().get(0).destinations()).extracting(DestinationConfig::priority).containsExactly(0, 1);
    }

    @Test
    void emptyFileIsAGatewayWithDefaults() {
        GatewayConfig c = GatewayConfig.parse("", "empty");
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().maxRequestBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(c.endpoints()).isEmpty();
    }

    @Test
    void refusesMistakesWithTheReason() {
        assertThatThrownBy(() -> GatewayConfig.parse("endpoints:\n  - name: x\n    destinations: [{provider: nope, model: m}]\n", "f.yaml"))
                .hasMessageContaining("f.yaml").hasMessageContaining("unknown provider 'nope'");
        assertThatThrownBy(() -> GatewayConfig.parse("providers:\n  - {name: a, type: martian}\n", "f.yaml"))
                .hasMessageContaining("martian");
        assertThatThrownBy(() -> GatewayConfig.parse("providers:\n  - {name: a, type: openai-compatible}\n", "f.yaml"))
                .hasMessageContaining("needs a base_url");
        assertThatThrownBy(() -> GatewayConfig.parse("server:\n  prot: 1\n", "f.yaml")).hasMessageContaining("prot");
        assertThatThrownBy(() -> GatewayConfig.parse("providers:\n  - {name: a, type: scripted}\n  - {name: a, type: scripted}\n", "f"))
                .hasMessageContaining("defined twice");
        assertThatThrownBy(() -> GatewayConfig.parse("providers:\n  - {name: a, type: scripted}\nendpoints:\n  - {name: e}\n", "f"))
                .hasMessageContaining("no destinations");
    }

    @Test
    void readsTheDatabaseAndTakesItsPasswordFromTheEnvironment() {
        GatewayConfig c = GatewayConfig.parse("""
                database:
                  url: jdbc:postgresql://db.internal:5432/lakegate
                  user: lakegate
                  password: from-file
                  pool_size: 4
                """, "test.yaml");
        assertThat(c.database().url()).isEqualTo("jdbc:postgresql://db.internal:5432/lakegate");
        assertThat(c.database().poolSize()).isEqualTo(4);
        assertThat(c.database().connectTimeoutMs()).isEqualTo(10_000);
        assertThat(c.database().withPasswordFrom(name -> null).password()).isEqualTo("from-file");
        DatabaseConfig fromEnv = c.database().withPasswordFrom(Map.of("LAKEGATE_DB_PASSWORD", "from-env")::get);
        assertThat(fromEnv.password()).isEqualTo("from-env");
        assertThat(fromEnv.toString()).contains("lakegate").doesNotContain("from-env");
        assertThat(GatewayConfig.parse("", "empty").database()).isEqualTo(DatabaseConfig.EMBEDDED);
    }

    @Test
    void refusesAPasswordInTheDatabaseUrlWithoutRepeatingIt() {
        assertThatThrownBy(() -> GatewayConfig.parse("database: {url: 'jdbc:postgresql://db/lg?user=x&password=hunter2'}\n", "f.yaml"))
                .hasMessageContaining("f.yaml").hasMessageContaining("must not contain the password")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("hunter2");
                    }
                });
        assertThatThrownBy(() -> GatewayConfig.parse("database: {pool_size: 0}\n", "f.yaml")).hasMessageContaining("pool_size");
    }

    @Test
    void readsAnInferenceTableWithItsDefaults() {
        GatewayConfig c = GatewayConfig.parse("""
                providers: [{name: s, type: scripted}]
                endpoints:
                  - name: Claude-Sonnet.4
                    destinations: [{provider: s, model: m}]
                    inference_table_config:
                      catalog_name: Main
                      schema_name: payloads
                      redact_patterns: ["ticket-[0-9]+"]
                  - name: other
                    fallback: false
                    destinations: [{provider: s, model: m}]
                    inference_table_config: {catalog_name: main, schema_name: payloads, table_name_prefix: agents,
                      sampling_fraction: 0.25, enabled: false}
                """, "t.yaml");
        InferenceTableConfig first = c.endpoints().get(0).inferenceTableConfig();
        assertThat(first.enabled()).isTrue();
        assertThat(first.samplingFraction()).isEqualTo(1.0);
        assertThat(first.table("Claude-Sonnet.4").fullName()).isEqualTo("main.payloads.claude_sonnet_4_payload");
        assertThat(first.compiledPatterns()).extracting(Object::toString).containsExactly("ticket-[0-9]+");
        InferenceTableConfig second = c.endpoints().get(1).inferenceTableConfig();
        assertThat(second.enabled()).isFalse();
        assertThat(second.table("other").fullName()).isEqualTo("main.payloads.agents_payload");
        assertThat(second.samplingFraction()).isEqualTo(0.25);
        assertThat(c.endpoints().get(0).usageTracking()).as("independent of the inference table").isTrue();
        assertThat(c.endpoints().get(0).aiGateway().fallback()).as("fallback is on unless turned off").isTrue();
        assertThat(c.endpoints().get(1).aiGateway()).isEqualTo(new AiGatewayConfig(List.of(), true, second, false));
    }

    @Test
    void refusesInferenceTableMistakesWithTheReason() {
        String endpoint = "providers: [{name: s, type: scripted}]\nendpoints:\n  - {name: e, destinations: [{provider: s, model: m}],"
                + " inference_table_config: {%s}}\n";
        assertThatThrownBy(() -> GatewayConfig.parse(endpoint.formatted("catalog_name: c, schema_name: s, sampling_fraction: 1.5"), "f"))
                .hasMessage("f: endpoint 'e' inference_table_config: sampling_fraction must be between 0 and 1, not 1.5");
        assertThatThrownBy(() -> GatewayConfig.parse(endpoint.formatted("catalog_name: c, schema_name: s, redact_patterns: ['a(b']"), "f"))
                .hasMessageStartingWith("f: endpoint 'e' inference_table_config: redact_patterns entry 'a(b' is not a Java regular expression");
        assertThatThrownBy(() -> GatewayConfig.parse(endpoint.formatted("catalog_name: c, schema_name: s, redact_patterns: ['x*']"), "f"))
                .hasMessageContaining("redact_patterns entry 'x*' matches empty text");
        assertThatThrownBy(() -> GatewayConfig.parse(endpoint.formatted("schema_name: s"), "f"))
                .hasMessageContaining("catalog_name and schema_name are required");
        assertThatThrownBy(() -> GatewayConfig.parse(endpoint.formatted("catalog_name: c, schema_name: 'my schema'"), "f"))
                .hasMessageContaining("name 'my schema' contains a space");
        assertThatThrownBy(() -> GatewayConfig.parse(endpoint.formatted("catalog_name: c, schema_name: s, table_name_prefix: 'a.b'"), "f"))
                .hasMessageContaining("name 'a.b_payload' contains a period");
        assertThatThrownBy(() -> GatewayConfig.parse(endpoint.formatted("catalog_name: c, schema_name: s, table_name_prefix: ' '"), "f"))
                .hasMessageContaining("table_name_prefix must not be blank");
        assertThatThrownBy(() -> GatewayConfig.parse(endpoint.formatted("catalog_name: c, schema_name: s, sampling: 1"), "f"))
                .hasMessageContaining("sampling");
        // a disabled table needs no location, but its settings must still make sense
        assertThat(GatewayConfig.parse(endpoint.formatted("enabled: false"), "f").endpoints().getFirst().inferenceTableConfig().enabled()).isFalse();
        assertThatThrownBy(() -> GatewayConfig.parse(endpoint.formatted("enabled: false, sampling_fraction: -0.1"), "f"))
                .hasMessageContaining("sampling_fraction must be between 0 and 1");
    }

    @Test
    void readsRateLimitsAndWhereTheirBucketsLive() {
        GatewayConfig c = GatewayConfig.parse("""
                rate_limiting: {redis_env: LAKEGATE_REDIS_URL, redis_timeout_ms: 100, on_redis_failure: refuse}
                providers: [{name: p, type: scripted}]
                endpoints:
                  - name: e
                    destinations: [{provider: p, model: m}]
                    rate_limits:
                      - {key: endpoint, calls: 600, tokens: 2000000}
                      - {key: user, calls: 60, renewal_period: minute}
                      - {key: user_group, principal: eng, tokens: 500000}
                """, "t.yaml");
        assertThat(c.rateLimiting().redisUrl(name -> name.equals("LAKEGATE_REDIS_URL") ? "redis://r:6379" : null)).isEqualTo("redis://r:6379");
        assertThat(c.rateLimiting().redisTimeoutMs()).isEqualTo(100);
        assertThat(c.rateLimiting().onRedisFailure()).isEqualTo(OnStoreFailure.REFUSE);
        assertThat(c.endpoints().getFirst().rateLimits()).containsExactly(
                new RateLimit(RateLimit.Key.ENDPOINT, null, 600L, 2_000_000L, RateLimit.RenewalPeriod.MINUTE),
                new RateLimit(RateLimit.Key.USER, null, 60L, null, RateLimit.RenewalPeriod.MINUTE),
                new RateLimit(RateLimit.Key.USER_GROUP, "eng", null, 500_000L, RateLimit.RenewalPeriod.MINUTE));

        GatewayConfig defaults = GatewayConfig.parse("", "empty");
        assertThat(defaults.rateLimiting().redisUrl(name -> "unused")).as("buckets in memory").isNull();
        assertThat(defaults.rateLimiting().onRedisFailure()).isEqualTo(OnStoreFailure.ADMIT);
        assertThat(defaults.rateLimiting().redisTimeoutMs()).isEqualTo(250);

        assertThatThrownBy(() -> c.rateLimiting().redisUrl(name -> null)).hasMessageContaining("LAKEGATE_REDIS_URL, which is not set");
        assertThat(GatewayConfig.parse("rate_limiting: {redis: 'redis://:s3cret@r:6379'}", "f").rateLimiting().toString())
                .contains("redis://***@r:6379").doesNotContain("s3cret");
        assertThatThrownBy(() -> GatewayConfig.parse("rate_limiting: {redis: 'redis://a', redis_env: X}\n", "f"))
                .hasMessageContaining("set redis or redis_env, not both");
        assertThatThrownBy(() -> GatewayConfig.parse("rate_limiting: {on_redis_failure: maybe}\n", "f")).hasMessageContaining("expected admit or refuse");
        assertThatThrownBy(() -> GatewayConfig.parse("rate_limiting: {redis_timeout_ms: 0}\n", "f")).hasMessageContaining("must be positive");
    }

    @Test
    void readsEndpointPermissionsWithEveryoneAsTheDefault() {
        GatewayConfig c = GatewayConfig.parse("""
                providers: [{name: p, type: scripted}]
                endpoints:
                  - {name: open, destinations: [{provider: p, model: m}]}
                  - {name: closed, permissions: [], destinations: [{provider: p, model: m}]}
                  - name: team
                    destinations: [{provider: p, model: m}]
                    permissions:
                      - {group_name: ml-team, permission_level: CAN_QUERY}
                      - {user_name: alice, permission_level: can_manage}
                      - {service_principal_name: ci-app, permission_level: CAN_QUERY}
                """, "f.yaml");
        assertThat(c.endpoints().get(0).permissions()).isEqualTo(AccessControl.DEFAULT)
                .containsExactly(new AccessControl(GranteeKind.GROUP, "users", PermissionLevel.CAN_QUERY));
        assertThat(c.endpoints().get(1).permissions()).isEmpty();
        assertThat(c.endpoints().get(2).permissions()).containsExactly(
                new AccessControl(GranteeKind.GROUP, "ml-team", PermissionLevel.CAN_QUERY),
                new AccessControl(GranteeKind.USER, "alice", PermissionLevel.CAN_MANAGE),
                new AccessControl(GranteeKind.SERVICE_PRINCIPAL, "ci-app", PermissionLevel.CAN_QUERY));

        String endpoint = "providers: [{name: p, type: scripted}]\nendpoints:\n  - {name: e, destinations: [{provider: p, model: m}], permissions: [%s]}\n";
        assertThatThrownBy(() -> GatewayConfig.parse(endpoint.formatted("{user_name: a, group_name: b, permission_level: CAN_QUERY}"), "f.yaml"))
                .hasMessageStartingWith("f.yaml: an access control entry names exactly one of user_name, group_name or service_principal_name")
                .hasMessageContaining("\"permissions\"");
        assertThatThrownBy(() -> GatewayConfig.parse(endpoint.formatted("{group_name: b, permission_level: CAN_READ}"), "f.yaml"))
                .hasMessageContaining("unknown permission_level 'CAN_READ'");
        assertThatThrownBy(() -> GatewayConfig.parse(endpoint.formatted("{group: b, permission_level: CAN_QUERY}"), "f.yaml"))
                .hasMessageContaining("group");
    }

    @Test
    void putsManagedTablesUnderTheDataFolderUnlessToldOtherwise() {
        Path data = Path.of("/var/lib/lakegate");
        assertThat(GatewayConfig.parse("", "f.yaml").lake().managedRoot(data)).isEqualTo("/var/lib/lakegate/lake");
        assertThat(GatewayConfig.parse("lake: {managed_location: 's3a://bucket/lakegate'}\n", "f.yaml").lake().managedRoot(data))
                .isEqualTo("s3a://bucket/lakegate");
        assertThatThrownBy(() -> GatewayConfig.parse("lake: {managed_location: ' '}\n", "f.yaml")).hasMessageContaining("managed_location");
    }

    @Test
    void pollsForControlPlaneChangesEverySecondByDefault() {
        assertThat(GatewayConfig.parse("", "f.yaml").database().changePollMs()).isEqualTo(1000);
        assertThat(GatewayConfig.parse("database: {change_poll_ms: 250}\n", "f.yaml").database().changePollMs()).isEqualTo(250);
        assertThatThrownBy(() -> GatewayConfig.parse("database: {change_poll_ms: 10}\n", "f.yaml")).hasMessageContaining("change_poll_ms");
    }
}
