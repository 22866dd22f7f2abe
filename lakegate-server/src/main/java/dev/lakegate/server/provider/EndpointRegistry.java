package dev.lakegate.server.provider;

import dev.lakegate.server.config.DestinationConfig;
import dev.lakegate.server.config.EndpointConfig;
import dev.lakegate.server.config.GatewayConfig;
import dev.lakegate.server.config.ProviderConfig;
import dev.lakegate.server.config.ProviderType;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Endpoints by name, resolved against providers once at load so the hot path is one map lookup.
 * Replaced wholesale on reconfiguration (readers never see a half-built registry).
 */
public final class EndpointRegistry {
    private volatile Map<String, Endpoint> endpoints = Map.of();

    /**
     * @param env reads provider credentials from the environment (tests pass their own)
     * @param scriptedBaseUrl where the built-in scripted model listens, for providers of type scripted
     */
    public void load(GatewayConfig config, Function<String, String> env, String scriptedBaseUrl) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (ProviderConfig p : config.providers()) {
            providers.put(p.name(), provider(p, env, scriptedBaseUrl));
        }
        Map<String, Endpoint> next = new LinkedHashMap<>();
        for (EndpointConfig e : config.endpoints()) {
            next.put(e.name(), new Endpoint(e.name(), e.destinations().stream()
                    .map(d -> destination(d, providers))
                    .toList()));
        }
        endpoints = Map.copyOf(next);
    }

    public Optional<Endpoint> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(endpoints.get(name));
    }

    public Collection<Endpoint> all() {
        return endpoints.values();
    }

    private static Destination destination(DestinationConfig d, Map<String, Provider> providers) {
        return new Destination(providers.get(d.provider()), d.model(), d.weight(), d.priority());
    }

    private static Provider provider(ProviderConfig p, Function<String, String> env, String scriptedBaseUrl) {
        Secret credential;
        String baseUrl;
        if (p.type() == ProviderType.SCRIPTED) {
            if (scriptedBaseUrl == null) {
                throw new IllegalArgumentException("provider '" + p.name() + "' is scripted but no scripted model is running");
            }
            baseUrl = p.baseUrl() != null ? p.baseUrl() : scriptedBaseUrl;
            credential = new Secret(ScriptedCredential.KEY);
        } else {
            baseUrl = p.baseUrl() != null ? p.baseUrl() : p.type().defaultBaseUrl();
            String key = p.apiKeyEnv() == null ? null : env.apply(p.apiKeyEnv());
            credential = key == null || key.isBlank() ? null : new Secret(key);
        }
        return new Provider(p.name(), p.type(), baseUrl, credential, p.headers(),
                Duration.ofMillis(p.connectTimeoutMs()), Duration.ofMillis(p.firstByteTimeoutMs()));
    }
}
