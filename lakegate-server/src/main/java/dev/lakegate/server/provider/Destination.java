package dev.lakegate.server.provider;

/** One place an endpoint can send a request: a provider's model, with its split weight and fallback priority. */
public record Destination(Provider provider, String model, int weight, int priority) {

    /** How the usage table names it, e.g. {@code anthropic/claude-opus-4-1}. */
    public String label() {
        return provider.name() + "/" + model;
    }
}
