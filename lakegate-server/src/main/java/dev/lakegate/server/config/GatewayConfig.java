package dev.lakegate.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The YAML file that seeds a gateway (SPEC §2, §9): listener, lake writer, OTLP receiver, providers,
 * endpoints, the control-plane database, the rate-limit store and the dashboard. Field names are snake_case; unknown
 * fields are refused so a typo does not silently change behaviour.
 */
public record GatewayConfig(ServerConfig server, LakeConfig lake, OtelConfig otel, List<ProviderConfig> providers,
        List<EndpointConfig> endpoints, DatabaseConfig database, RateLimitingConfig rateLimiting, DashboardConfig dashboard) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public GatewayConfig {
        server = server == null ? new ServerConfig(null, null, null, null, null) : server;
        lake = lake == null ? new LakeConfig(null, null) : lake;
        otel = otel == null ? new OtelConfig(null) : otel;
        providers = providers == null ? List.of() : List.copyOf(providers);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        database = database == null ? DatabaseConfig.EMBEDDED : database;
        rateLimiting = rateLimiting == null ? new RateLimitingConfig(null, null, null, null) : rateLimiting;
        dashboard = dashboard == null ? DashboardConfig.DEFAULTS : dashboard;
    }

    public static GatewayConfig load(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    public static GatewayConfig parse(String yaml, String source) {
        GatewayConfig config;
        try {
            config = yaml.isBlank() ? new GatewayConfig(null, null, null, null, null, null, null, null) : YAML.readValue(yaml, GatewayConfig.class);
        } catch (MismatchedInputException e) {
            throw new IllegalArgumentException(source + ": " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
        } catch (ValueInstantiationException e) {
            // A value's own check (an access control entry) says what is wrong and what to write instead.
            String why = e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage();
            throw new IllegalArgumentException(source + ": " + why + " at " + e.getPathReference(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        config.validate(source);
        return config;
    }

    public GatewayConfig withServer(ServerConfig newServer) {
        return new GatewayConfig(newServer, lake, otel, providers, endpoints, database, rateLimiting, dashboard);
    }

    public GatewayConfig withDashboard(DashboardConfig newDashboard) {
        return new GatewayConfig(server, lake, otel, providers, endpoints, database, rateLimiting, newDashboard);
    }

    /** Adds providers and endpoints; names must stay unique. */
    public GatewayConfig plus(List<ProviderConfig> moreProviders, List<EndpointConfig> moreEndpoints) {
        List<ProviderConfig> p = new ArrayList<>(providers);
        p.addAll(moreProviders);
        List<EndpointConfig> e = new ArrayList<>(endpoints);
        e.addAll(moreEndpoints);
        GatewayConfig merged = new GatewayConfig(server, lake, otel, p, e, database, rateLimiting, dashboard);
        merged.validate("configuration");
        return merged;
    }

    private void validate(String source) {
        Set<String> providerNames = new HashSet<>();
        for (ProviderConfig p : providers) {
            require(p.name() != null && !p.name().isBlank(), source, "a provider has no name");
            require(p.type() != null, source, "provider '" + p.name() + "' has no type");
            require(providerNames.add(p.name()), source, "provider '" + p.name() + "' is defined twice");
            require(p.type() == ProviderType.SCRIPTED || p.baseUrl() != null || p.type().defaultBaseUrl() != null, source,
                    "provider '" + p.name() + "' (" + p.type().id() + ") needs a base_url");
        }
        Set<String> endpointNames = new HashSet<>();
        for (EndpointConfig e : endpoints) {
            require(e.name() != null && !e.name().isBlank(), source, "an endpoint has no name");
            require(endpointNames.add(e.name()), source, "endpoint '" + e.name() + "' is defined twice");
            require(!e.destinations().isEmpty(), source, "endpoint '" + e.name() + "' has no destinations");
            for (String alias : e.aliases()) {
                require(alias != null && !alias.isBlank() && !alias.equals("*"), source, "endpoint '" + e.name() + "' has an empty or match-all alias");
            }
            for (DestinationConfig d : e.destinations()) {
                require(providerNames.contains(d.provider()), source,
                        "endpoint '" + e.name() + "' names unknown provider '" + d.provider() + "'");
                require(d.model() != null && !d.model().isBlank(), source, "endpoint '" + e.name() + "' has a destination without a model");
                require(d.weight() >= 0, source, "endpoint '" + e.name() + "' has a negative weight");
                require(d.timeoutMs() == null || d.timeoutMs() > 0, source, "endpoint '" + e.name() + "' has a non-positive timeout_ms");
            }
            String problem = e.aiGateway().problem(e.name()).orElse(null);
            require(problem == null, source, problem);
        }
    }

    private static void require(boolean ok, String source, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(source + ": " + problem);
        }
    }
}
