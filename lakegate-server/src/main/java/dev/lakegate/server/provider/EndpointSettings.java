package dev.lakegate.server.provider;

import dev.lakegate.server.config.AiGatewayConfig;
import dev.lakegate.server.governance.SettingSource;
import dev.lakegate.server.governance.limits.RateLimitPolicy;
import dev.lakegate.server.payload.InferenceTable;

/**
 * An endpoint's ai-gateway settings in force, compiled for the request path. Immutable: a change rebuilds the
 * endpoint, so a request, which holds the endpoint it resolved, sees one version of all four parts.
 *
 * @param config the settings as written (answered by the admin API)
 * @param source the configuration file, or the admin API
 * @param rateLimits {@code config}'s rate limits, compiled
 * @param inferenceTable where sampled requests are recorded; null when the endpoint has none or it is disabled
 */
public record EndpointSettings(AiGatewayConfig config, SettingSource source, RateLimitPolicy rateLimits, InferenceTable inferenceTable) {

    /** @throws IllegalArgumentException the settings are invalid ({@link AiGatewayConfig#problem} says why) */
    public static EndpointSettings compile(String endpoint, AiGatewayConfig config, SettingSource source) {
        return new EndpointSettings(config, source, RateLimitPolicy.compile(endpoint, config.rateLimits()),
                InferenceTable.of(config.inferenceTable(), endpoint));
    }

    /** Whether its requests become rows of {@code system.ai_gateway.usage}. */
    public boolean usageTracking() {
        return config.usageTracking();
    }

    /** Whether a destination that fails before the first byte falls back to the next priority. */
    public boolean fallback() {
        return config.fallback();
    }
}
