package dev.lakegate.server.config;

import dev.lakegate.server.governance.limits.RateLimit;
import dev.lakegate.server.governance.AccessControl;
import java.util.List;

/**
 * An endpoint: the model name agents ask for, other names that reach it, its destinations, its ai-gateway settings
 * ({@link #aiGateway()}) and who may use it.
 *
 * @param aliases more names for this endpoint; a {@code *} matches any run of characters, e.g.
 *     {@code claude-haiku-*} for the dated small-fast model names Claude Code sends
 * @param usageTracking whether its requests are recorded in {@code system.ai_gateway.usage} (default true)
 * @param inferenceTableConfig its payload table, or null for none; independent of usage tracking
 * @param rateLimits its rate limits in the admin API's shape (SPEC §3), validated with the rest of the file
 * @param fallback whether a destination that fails before the first byte falls back to the next priority (default true)
 * @param permissions who may query or manage it until an ACL is set through the permissions API; default
 *     {@link AccessControl#DEFAULT} (group {@code users}: everyone); an empty list leaves it to admins
 */
public record EndpointConfig(String name, List<String> aliases, List<DestinationConfig> destinations, Boolean usageTracking,
        InferenceTableConfig inferenceTableConfig, List<RateLimit> rateLimits, Boolean fallback, List<AccessControl> permissions) {

    public EndpointConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
        usageTracking = usageTracking == null || usageTracking;
        rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
        fallback = fallback == null || fallback;
        permissions = permissions == null ? AccessControl.DEFAULT : List.copyOf(permissions);
    }

    public EndpointConfig(String name, List<String> aliases, List<DestinationConfig> destinations) {
        this(name, aliases, destinations, null, null, null, null, null);
    }

    public EndpointConfig(String name, List<DestinationConfig> destinations) {
        this(name, List.of(), destinations);
    }

    /** Its ai-gateway settings as configured: in force until they are set through the API. */
    public AiGatewayConfig aiGateway() {
        return new AiGatewayConfig(rateLimits, usageTracking, inferenceTableConfig, fallback);
    }
}
