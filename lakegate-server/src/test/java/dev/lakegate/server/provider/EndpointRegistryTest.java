package dev.lakegate.server.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.config.GatewayConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointRegistryTest {

    @Test
    void resolvesNamesThenAliasesThenPatternsAndAppliesDestinationTimeouts() {
        EndpointRegistry registry = new EndpointRegistry();
        registry.load(GatewayConfig.parse("""
                providers:
                  - {name: s, type: scripted, first_byte_timeout_ms: 9000}
                endpoints:
                  - name: claude-haiku
                    aliases: [claude-haiku-*, haiku]
                    destinations: [{provider: s, model: claude-haiku-4-5, timeout_ms: 1500}]
                  - name: claude-sonnet
                    aliases: ["claude-*"]
                    destinations: [{provider: s, model: claude-sonnet-4-5}]
                """, "t"), n -> null, "http://127.0.0.1:1");
        assertThat(registry.find("claude-haiku")).map(Endpoint::name).contains("claude-haiku");
        assertThat(registry.find("haiku")).map(Endpoint::name).contains("claude-haiku");
        assertThat(registry.find("claude-haiku-4-5-20251001")).map(Endpoint::name).contains("claude-haiku");
        assertThat(registry.find("claude-opus-4-1")).map(Endpoint::name).contains("claude-sonnet");
        assertThat(registry.find("gpt-5")).isEmpty();
        assertThat(registry.find("claude-haiku").orElseThrow().destinations().getFirst().firstByteTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(registry.find("claude-sonnet").orElseThrow().destinations().getFirst().firstByteTimeout()).isEqualTo(Duration.ofMillis(9000));
        assertThat(registry.all()).extracting(Endpoint::name).containsExactly("claude-haiku", "claude-sonnet");
    }
}
