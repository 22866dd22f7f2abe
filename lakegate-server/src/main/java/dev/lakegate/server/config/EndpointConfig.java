package dev.lakegate.server.config;

import dev.lakegate.server.governance.limits.RateLimit;
import java.util.List;

/**
 * An endpoint: the model name agents ask for, other names that reach it, and its destinations.
 *
 * @param aliases more names for this endpoint; a {@code *} matches any run of characters, e.g.
 *     {@code claude-haiku-*} for the dated small-fast model names Claude Code sends
 * @param usageTracking whether its requests are recorded in {@code system.ai_gateway.usage} (default true)
 * @param inferenceTableConfig its payload table, or null for none; independent of usage tracking
 * @param rateLimits its rate limits in the admin API's shape (SPEC §3), validated with the rest of the file
 */
public record EndpointConfig(String name, List<String> aliases, List<DestinationConfig> destinations, Boolean usageTracking,
        InferenceTableConfig inferenceTableConfig, List<RateLimit> rateLimits) {

    public EndpointConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
        usageTracking = usageTracking == null || usageTracking;
        rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
    }

    public EndpointConfig(String name, List<String> aliases, List<DestinationConfig> destinations) {
        this(name, aliases, destinations, null, null, null);
    }

    public EndpointConfig(String name, List<DestinationConfig> destinations) {
        this(name, List.of(), destinations);
    }
}
