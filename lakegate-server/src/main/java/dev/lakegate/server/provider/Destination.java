package dev.lakegate.server.provider;

import java.time.Duration;

/**
 * One place an endpoint can send a request: a provider's model, with its split weight, fallback
 * priority, and the time allowed until the upstream's response headers arrive.
 */
public record Destination(Provider provider, String model, int weight, int priority, Duration firstByteTimeout) {

    /** How the usage table names it, e.g. {@code anthropic/claude-opus-4-1}. */
    public String label() {
        return provider.name() + "/" + model;
    }
}
