package dev.lakegate.protocol.sse;

/** A server-sent event (or one of its lines) grew past the parser's limit; the stream cannot be read safely. */
public final class SseTooLargeException extends RuntimeException {
    private final int limit;

    SseTooLargeException(int limit) {
        super("Server-sent event larger than " + limit + " bytes: the upstream sent a line or event without the"
                + " blank line that ends it, or an event too big to buffer. Raise the parser's maxEventBytes if such"
                + " events are legitimate.");
        this.limit = limit;
    }

    /** The limit in bytes that was exceeded. */
    public int limit() {
        return limit;
    }
}
