package dev.lakegate.server.provider;

import dev.lakegate.server.usage.Pricing;
import java.time.Duration;

/**
 * One place an endpoint can send a request: a provider's model, with its split weight, fallback
 * priority, the time allowed until the upstream's response headers arrive, and its prices.
 *
 * @param pricing what it charges (configured, else the built-in price of the model); null when unknown
 */
public record Destination(Provider provider, String model, int weight, int priority, Duration firstByteTimeout, Pricing pricing) {

    /** How the usage table names it, e.g. {@code anthropic/claude-opus-4-1}. */
    public String label() {
        return provider.name() + "/" + model;
    }
}
