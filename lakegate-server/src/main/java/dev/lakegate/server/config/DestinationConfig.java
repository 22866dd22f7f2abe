package dev.lakegate.server.config;

import dev.lakegate.server.usage.Pricing;

/**
 * Where an endpoint sends traffic: a provider's model, with a weight for traffic split, a priority
 * for fallback (lower is tried first), and optionally its own first-byte timeout and prices.
 *
 * @param timeoutMs time allowed until the response headers arrive; null uses the provider's
 * @param pricing what this destination charges; null uses the built-in price of {@code model}
 */
public record DestinationConfig(String provider, String model, Integer weight, Integer priority, Long timeoutMs, Pricing pricing) {

    public DestinationConfig {
        weight = weight == null ? 100 : weight;
        priority = priority == null ? 0 : priority;
    }

    public DestinationConfig(String provider, String model) {
        this(provider, model, null, null, null, null);
    }
}
