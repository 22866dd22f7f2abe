package dev.lakegate.protocol.error;

/**
 * What went wrong, independent of the protocol that reports it. Each surface renders a category in
 * its own error shape and status; {@link #retryable()} tells agents whether trying again can help.
 */
public enum ErrorCategory {
    INVALID_REQUEST(400, false),
    AUTHENTICATION(401, false),
    PERMISSION(403, false),
    BUDGET_EXCEEDED(403, false),
    NOT_FOUND(404, false),
    METHOD_NOT_ALLOWED(405, false),
    UNSUPPORTED_MEDIA_TYPE(415, false),
    REQUEST_TOO_LARGE(413, false),
    RATE_LIMITED(429, true),
    UPSTREAM_UNAVAILABLE(503, true),
    UPSTREAM_ERROR(502, true),
    TIMEOUT(504, true),
    OVERLOADED(529, true),
    INTERNAL(500, true);

    private final int status;
    private final boolean retryable;

    ErrorCategory(int status, boolean retryable) {
        this.status = status;
        this.retryable = retryable;
    }

    /** Default HTTP status; a {@link GatewayError} may carry an upstream's own status instead. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }
}
