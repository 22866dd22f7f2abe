package dev.lakegate.server.config;

/**
 * Where an endpoint sends traffic: a provider's model, with a weight for traffic split, a priority
 * for fallback (lower is tried first), and optionally its own first-byte timeout.
 *
 * @param timeoutMs time allowed until the response headers arrive; null uses the provider's
 */
public record DestinationConfig(String provider, String model, Integer weight, Integer priority, Long timeoutMs) {

    public DestinationConfig {
        weight = weight == null ? 100 : weight;
        priority = priority == null ? 0 : priority;
    }

    public DestinationConfig(String provider, String model) {
        this(provider, model, null, null, null);
    }
}
