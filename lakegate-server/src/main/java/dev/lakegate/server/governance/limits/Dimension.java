package dev.lakegate.server.governance.limits;

/**
 * What a bucket counts. Requests are taken one per request at admission; tokens are only checked
 * at admission and charged when the answer's usage is known.
 */
public enum Dimension {
    REQUESTS("requests"),
    TOKENS("tokens");

    private final String id;

    Dimension(String id) {
        this.id = id;
    }

    /** The word used in keys, messages and header names ({@code x-ratelimit-limit-requests}). */
    public String id() {
        return id;
    }
}
