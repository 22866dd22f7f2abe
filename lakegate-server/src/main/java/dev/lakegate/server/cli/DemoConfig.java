package dev.lakegate.server.cli;

import dev.lakegate.server.cli.demo.DemoData;
import dev.lakegate.server.config.DashboardConfig;
import dev.lakegate.server.config.DestinationConfig;
import dev.lakegate.server.config.EndpointConfig;
import dev.lakegate.server.config.GatewayConfig;
import dev.lakegate.server.config.ProviderConfig;
import dev.lakegate.server.config.ProviderType;
import dev.lakegate.server.config.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The demo's configuration: endpoints named like real models, served by the built-in scripted
 * model; plus real endpoints for each vendor whose API key is in the environment.
 */
public final class DemoConfig {
    /** Demo endpoint → the upstream model name the scripted model reports. */
    public static final Map<String, String> SCRIPTED_ENDPOINTS = Map.of(
            "claude-opus", "claude-opus-4-1",
            "claude-sonnet", "claude-sonnet-4-5",
            "claude-haiku", "claude-haiku-4-5",
            "gpt-5", "gpt-5",
            "gpt-5-mini", "gpt-5-mini",
            "gemini-2.5-pro", "gemini-2.5-pro",
            "gemini-2.5-flash", "gemini-2.5-flash");

    private record Real(String env, String provider, ProviderType type, String endpoint, String model) {}

    private static final List<Real> REAL = List.of(
            new Real("ANTHROPIC_API_KEY", "anthropic", ProviderType.ANTHROPIC, "anthropic-claude-sonnet-4-5", "claude-sonnet-4-5"),
            new Real("OPENAI_API_KEY", "openai", ProviderType.OPENAI, "openai-gpt-5", "gpt-5"),
            new Real("GEMINI_API_KEY", "gemini", ProviderType.GEMINI, "google-gemini-2.5-flash", "gemini-2.5-flash"));

    private DemoConfig() {}

    static GatewayConfig build(int port, Function<String, String> env) {
        List<ProviderConfig> providers = new ArrayList<>();
        List<EndpointConfig> endpoints = new ArrayList<>();
        providers.add(new ProviderConfig("scripted", ProviderType.SCRIPTED, null, null));
        SCRIPTED_ENDPOINTS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> endpoints.add(new EndpointConfig(e.getKey(),
                e.getKey().equals("claude-haiku") ? List.of("claude-haiku-*", "claude-3-5-haiku-*") : List.of(),
                List.of(new DestinationConfig("scripted", e.getValue())))));
        for (Real r : REAL) {
            String key = env.apply(r.env());
            if (key != null && !key.isBlank()) {
                providers.add(new ProviderConfig(r.provider(), r.type(), null, r.env()));
                endpoints.add(new EndpointConfig(r.endpoint(), List.of(new DestinationConfig(r.provider(), r.model()))));
            }
        }
        return new GatewayConfig(new ServerConfig("0.0.0.0", port, null, null, null), null, null, providers, endpoints, null, null,
                DashboardConfig.of(null, null, null, DemoData.TELEMETRY_TABLES));
    }
}
