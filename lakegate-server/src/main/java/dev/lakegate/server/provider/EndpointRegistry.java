package dev.lakegate.server.provider;

import dev.lakegate.server.config.AiGatewayConfig;
import dev.lakegate.server.config.DestinationConfig;
import dev.lakegate.server.config.GatewayConfig;
import dev.lakegate.server.config.ProviderConfig;
import dev.lakegate.server.config.ProviderType;
import dev.lakegate.server.governance.SettingSource;
import dev.lakegate.server.usage.PriceTable;
import dev.lakegate.server.usage.Pricing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.Function;

/**
 * Endpoints by name, resolved against providers once at load so the hot path is one map lookup. The index is
 * rebuilt whole when the configuration is loaded or the ai-gateway settings set through the API change, and
 * swapped in one volatile write: readers never see a half-built registry, and an endpoint they found keeps
 * one version of its settings.
 */
public final class EndpointRegistry {
    /** Names and exact aliases → endpoint; patterns in configuration order; the providers' keys. Swapped together. */
    private record Index(Map<String, Endpoint> byName, Map<String, Endpoint> byAlias, List<Map.Entry<Pattern, Endpoint>> patterns,
            List<Secret> credentials) {}

    private volatile Index index = new Index(Map.of(), Map.of(), List.of(), List.of());
    /** The endpoints with their configured settings, and the settings set through the API: what the index is built from. */
    private List<Endpoint> configured = List.of(); // guarded by this
    private List<Secret> credentials = List.of(); // guarded by this
    private Map<String, AiGatewayConfig> stored = Map.of(); // guarded by this

    /**
     * @param env reads provider credentials from the environment (tests pass their own)
     * @param scriptedBaseUrl where the built-in scripted model listens, for providers of type scripted
     */
    public synchronized void load(GatewayConfig config, Function<String, String> env, String scriptedBaseUrl) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (ProviderConfig p : config.providers()) {
            providers.put(p.name(), provider(p, env, scriptedBaseUrl));
        }
        configured = config.endpoints().stream().map(e -> new Endpoint(e.name(), e.aliases(),
                e.destinations().stream().map(d -> destination(d, providers)).toList(), e.permissions(),
                EndpointSettings.compile(e.name(), e.aiGateway(), SettingSource.CONFIGURATION))).toList();
        credentials = providers.values().stream().map(Provider::credential).filter(Objects::nonNull).toList();
        rebuild();
    }

    /**
     * Puts the ai-gateway settings set through the API (endpoint name → checked settings) in force; every other endpoint
     * runs on its configured settings. Settings of endpoints the configuration does not have are kept for when it does.
     */
    public synchronized void overlay(Map<String, AiGatewayConfig> storedSettings) {
        stored = Map.copyOf(storedSettings);
        rebuild();
    }

    private void rebuild() {
        Map<String, Endpoint> byName = new LinkedHashMap<>();
        Map<String, Endpoint> byAlias = new HashMap<>();
        List<Map.Entry<Pattern, Endpoint>> patterns = new ArrayList<>();
        for (Endpoint e : configured) {
            AiGatewayConfig set = stored.get(e.name());
            Endpoint endpoint = set == null ? e : e.withSettings(EndpointSettings.compile(e.name(), set, SettingSource.API));
            byName.put(e.name(), endpoint);
            for (String alias : e.aliases()) {
                if (alias.contains("*")) {
                    patterns.add(Map.entry(glob(alias), endpoint));
                } else {
                    byAlias.putIfAbsent(alias, endpoint);
                }
            }
        }
        index = new Index(Collections.unmodifiableMap(byName), Map.copyOf(byAlias), List.copyOf(patterns), credentials);
    }

    /** The endpoint of this name; else the one with this alias; else the first whose alias pattern matches. */
    public Optional<Endpoint> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Index i = index;
        Endpoint e = i.byName().get(name);
        if (e == null) {
            e = i.byAlias().get(name);
        }
        if (e == null) {
            for (Map.Entry<Pattern, Endpoint> p : i.patterns()) {
                if (p.getKey().matcher(name).matches()) {
                    return Optional.of(p.getValue());
                }
            }
        }
        return Optional.ofNullable(e);
    }

    /** Endpoints in configuration order. */
    public Collection<Endpoint> all() {
        return index.byName().values();
    }

    /** The configured providers' keys, to be redacted wherever a payload might repeat one. */
    public List<Secret> credentials() {
        return index.credentials();
    }

    private static Destination destination(DestinationConfig d, Map<String, Provider> providers) {
        Provider provider = providers.get(d.provider());
        Duration timeout = d.timeoutMs() != null ? Duration.ofMillis(d.timeoutMs()) : provider.firstByteTimeout();
        Pricing pricing = d.pricing() != null ? d.pricing() : PriceTable.defaults().find(d.model()).orElse(null);
        return new Destination(provider, d.model(), d.weight(), d.priority(), timeout, pricing);
    }

    private static Pattern glob(String alias) {
        StringBuilder regex = new StringBuilder();
        for (String part : alias.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
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
        return new Provider(p.name(), p.type(), p.spokenProtocols(), baseUrl, credential, p.headers(),
                Duration.ofMillis(p.connectTimeoutMs()), Duration.ofMillis(p.firstByteTimeoutMs()), Duration.ofMillis(p.streamIdleTimeoutMs()),
                p.anthropicBetas() == null ? null : Set.copyOf(p.anthropicBetas()));
    }
}
