package dev.lakegate.server.config;

import dev.lakegate.server.governance.limits.RateLimit;
import dev.lakegate.server.governance.limits.RateLimitPolicy;
import java.util.List;
import java.util.Optional;

/**
 * An endpoint's ai-gateway settings: the four parts of the managed product's
 * {@code PUT /api/2.0/serving-endpoints/{name}/ai-gateway} (SPEC §3). They come from the endpoint's YAML (where the
 * parts are keys of the endpoint) until they are set through that API (docs/design/018).
 *
 * @param rateLimits requests and tokens per minute, validated by {@link RateLimitPolicy#compile}
 * @param usageTracking whether requests become rows of {@code system.ai_gateway.usage}
 * @param inferenceTable its payload table (enabled or not), or null for none
 * @param fallback whether a destination that fails before the first byte falls back to the next priority
 */
public record AiGatewayConfig(List<RateLimit> rateLimits, boolean usageTracking, InferenceTableConfig inferenceTable, boolean fallback) {

    public AiGatewayConfig {
        rateLimits = List.copyOf(rateLimits);
    }

    /** What is wrong with these settings for this endpoint, naming the part; checked when the file is read and before a PUT is stored. */
    public Optional<String> problem(String endpoint) {
        if (inferenceTable != null) {
            Optional<String> table = inferenceTable.problem(endpoint);
            if (table.isPresent()) {
                return Optional.of("endpoint '" + endpoint + "' inference_table_config: " + table.get());
            }
        }
        try {
            RateLimitPolicy.compile(endpoint, rateLimits);
        } catch (IllegalArgumentException invalid) {
            return Optional.of(invalid.getMessage());
        }
        return Optional.empty();
    }
}
