package dev.lakegate.protocol.error;

import java.time.Duration;
import java.util.Optional;

/**
 * One gateway error: a category, an HTTP status, a message that names the problem, the cause and
 * the fix, and an optional retry hint. Rendered per protocol by {@link ErrorRenderer}.
 *
 * @param param the offending request field, when there is one (OpenAI's {@code param})
 */
public record GatewayError(ErrorCategory category, int status, String message, Optional<Duration> retryAfter, Optional<String> param) {

    public GatewayError {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("error status must be 4xx or 5xx: " + status);
        }
    }

    public static GatewayError of(ErrorCategory category, String message) {
        return new GatewayError(category, category.status(), message, Optional.empty(), Optional.empty());
    }

    public GatewayError withStatus(int newStatus) {
        return new GatewayError(category, newStatus, message, retryAfter, param);
    }

    public GatewayError withRetryAfter(Duration delay) {
        return new GatewayError(category, status, message, Optional.of(delay), param);
    }

    public GatewayError withParam(String name) {
        return new GatewayError(category, status, message, retryAfter, Optional.of(name));
    }
}
