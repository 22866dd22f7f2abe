package dev.lakegate.server.config;

/**
 * Where an endpoint sends traffic: a provider's model, with a weight for traffic split and a
 * priority for fallback (lower is tried first).
 */
public record DestinationConfig(String provider, String model, Integer weight, Integer priority) {

    public DestinationConfig {
        weight = weight == null ? 100 : weight;
        priority = priority == null ? 0 : priority;
    }
}
