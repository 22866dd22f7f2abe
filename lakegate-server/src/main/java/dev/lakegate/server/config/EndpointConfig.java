package dev.lakegate.server.config;

import java.util.List;

/**
 * An endpoint: the model name agents ask for, other names that reach it, and its destinations.
 *
 * @param aliases more names for this endpoint; a {@code *} matches any run of characters, e.g.
 *     {@code claude-haiku-*} for the dated small-fast model names Claude Code sends
 * @param usageTracking whether its requests are recorded in {@code system.ai_gateway.usage} (default true)
 * @param inferenceTableConfig its payload table, or null for none; independent of usage tracking
 */
public record EndpointConfig(String name, List<String> aliases, List<DestinationConfig> destinations, Boolean usageTracking,
        InferenceTableConfig inferenceTableConfig) {

    public EndpointConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
        usageTracking = usageTracking == null || usageTracking;
    }

    public EndpointConfig(String name, List<String> aliases, List<DestinationConfig> destinations) {
        this(name, aliases, destinations, null, null);
    }

    public EndpointConfig(String name, List<DestinationConfig> destinations) {
        this(name, List.of(), destinations);
    }
}
