package dev.lakegate.server.provider;

/** A provider credential. Its text never appears in logs, errors or {@code toString}. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = value;
    }

    /** The secret itself, for the one place that injects it into an upstream request. */
    String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
