package dev.lakegate.protocol.error;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One gateway error: a category, an HTTP status, a message that names the problem, the cause and
 * the fix, and an optional retry hint. Rendered per protocol by {@link ErrorRenderer}.
 *
 * @param param the offending request field, when there is one (OpenAI's {@code param})
 * @param headers more response headers (lower-case names) sent with the error when it is a whole answer, e.g. the
 *     {@code x-ratelimit-*} state of a rate-limit refusal; never null
 */
public record GatewayError(ErrorCategory category, int status, String message, Optional<Duration> retryAfter, Optional<String> param,
        Map<String, String> headers) {

    public GatewayError {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("error status must be 4xx or 5xx: " + status);
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers)); // in the order given, as they are sent
    }

    public GatewayError(ErrorCategory category, int status, String message, Optional<Duration> retryAfter, Optional<String> param) {
        this(category, status, message, retryAfter, param, Map.of());
    }

    public static GatewayError of(ErrorCategory category, String message) {
        return new GatewayError(category, category.status(), message, Optional.empty(), Optional.empty());
    }

    public GatewayError withStatus(int newStatus) {
        return new GatewayError(category, newStatus, message, retryAfter, param, headers);
    }

    public GatewayError withRetryAfter(Duration delay) {
        return new GatewayError(category, status, message, Optional.of(delay), param, headers);
    }

    public GatewayError withParam(String name) {
        return new GatewayError(category, status, message, retryAfter, Optional.of(name), headers);
    }

    public GatewayError withHeaders(Map<String, String> more) {
        return new GatewayError(category, status, message, retryAfter, param, more);
    }
}
