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

    /**
     * {@code text} with every occurrence of this secret replaced by {@code mask}, so a payload that repeats the key
     * can be stored without it. Keys under 8 characters are left alone: masking them would mangle ordinary text.
     */
    public String maskIn(String text, String mask) {
        return value.length() < 8 ? text : text.replace(value, mask);
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
