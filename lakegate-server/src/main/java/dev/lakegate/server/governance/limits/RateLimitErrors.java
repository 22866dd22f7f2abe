package dev.lakegate.server.governance.limits;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The errors of rate limiting, each rendered by the surface in its own protocol.
 *
 * <p>A refusal is a 429 with {@code retry-after} (whole seconds, at least 1; Gemini also gets it as
 * {@code RetryInfo} in the body) and the state of the limit that was hit, in OpenAI's header family on every
 * surface: {@code x-ratelimit-limit-<requests|tokens>}, {@code x-ratelimit-remaining-…} and
 * {@code x-ratelimit-reset-…} (a duration such as {@code 12s}). The Anthropic surface also gets Anthropic's
 * own family, {@code anthropic-ratelimit-<requests|tokens>-limit/-remaining/-reset} with the reset as an
 * RFC 3339 time, which the Anthropic SDKs and Claude Code read. Only the family of the dimension that refused
 * is sent: the other was not necessarily checked.
 */
public final class RateLimitErrors {
    private RateLimitErrors() {}

    public static GatewayError refused(Refusal refusal, WireProtocol protocol, Instant now) {
        String dimension = refusal.bucket().dimension().id();
        String limit = Long.toString(refusal.bucket().limit());
        String remaining = Long.toString(refusal.remaining());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ratelimit-limit-" + dimension, limit);
        headers.put("x-ratelimit-remaining-" + dimension, remaining);
        headers.put("x-ratelimit-reset-" + dimension, refusal.retryAfter().toSeconds() + "s");
        if (protocol == WireProtocol.ANTHROPIC) {
            headers.put("anthropic-ratelimit-" + dimension + "-limit", limit);
            headers.put("anthropic-ratelimit-" + dimension + "-remaining", remaining);
            headers.put("anthropic-ratelimit-" + dimension + "-reset", rfc3339(now.plus(refusal.retryAfter())));
        }
        return GatewayError.of(ErrorCategory.RATE_LIMITED, refusal.message()).withRetryAfter(refusal.retryAfter()).withHeaders(headers);
    }

    /** The store did not answer and the gateway is configured to refuse then. */
    public static GatewayError unavailable() {
        return GatewayError.of(ErrorCategory.UPSTREAM_UNAVAILABLE, "Lakegate cannot check rate limits right now (its rate-limit store does"
                + " not answer) and is configured to refuse requests meanwhile. Please try again in 1s.").withRetryAfter(Duration.ofSeconds(1));
    }

    /** Whole seconds, rounded up so an agent that waits until then finds room, e.g. {@code 2026-01-01T00:01:00Z}. */
    private static String rfc3339(Instant at) {
        Instant seconds = at.truncatedTo(ChronoUnit.SECONDS);
        return (seconds.equals(at) ? seconds : seconds.plusSeconds(1)).toString();
    }
}
