package dev.lakegate.protocol.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Upstream failures as gateway errors, so the lane can re-render them in the client's protocol.
 *
 * <p>The category follows what the client can do about it, not the upstream's status as such: a 401 or
 * 403 from the upstream means the gateway's provider credential is wrong, which no client retry or new
 * token fixes, so it is {@code UPSTREAM_ERROR} (502), never the client's {@code AUTHENTICATION}; 404
 * (the destination model does not exist) likewise. 400, 409 and 422 are the client's request
 * ({@code INVALID_REQUEST}, the upstream's status and message kept), 413 too large, 429
 * {@code RATE_LIMITED}, 503 {@code UPSTREAM_UNAVAILABLE}, 529 or Anthropic's {@code overloaded_error}
 * {@code OVERLOADED}, 408/504 {@code TIMEOUT}, anything else {@code UPSTREAM_ERROR}. The retry hint is
 * the {@code retry-after} header, else Gemini's {@code RetryInfo}, else "try again in Ns" in the message.
 */
public final class UpstreamErrors {
    private UpstreamErrors() {}

    /**
     * An upstream's error response.
     *
     * @param status the upstream's HTTP status
     * @param body the response body as received (any format; need not be JSON)
     * @param retryAfterHeader the upstream's {@code retry-after} header, or null
     */
    public static GatewayError read(WireProtocol protocol, int status, byte[] body, String retryAfterHeader) {
        return read(protocol, status, body, retryAfterHeader, InstantSource.system());
    }

    static GatewayError read(WireProtocol protocol, int status, byte[] body, String retryAfterHeader, InstantSource clock) {
        UpstreamErrorBody said = UpstreamErrorBody.parse(body);
        ErrorCategory category = category(status, said);
        GatewayError error = GatewayError.of(category, message(protocol, status, category, said));
        if (category == ErrorCategory.INVALID_REQUEST) {
            error = error.withStatus(status);
        }
        Optional<Duration> retry = RetryHints.header(retryAfterHeader, clock).or(said::retryDelay);
        return retry.isPresent() && category.retryable() ? error.withRetryAfter(retry.get()) : error;
    }

    /** An error the upstream reported inside a stream that had started (or in a 200 body). */
    public static GatewayException inStream(WireProtocol protocol, JsonNode errorDocument) {
        return new GatewayException(ErrorCategory.UPSTREAM_ERROR,
                vendor(protocol) + " upstream failed during the response (" + UpstreamErrorBody.of(errorDocument).describe() + "). Retry the request.");
    }

    /** The upstream broke its own protocol; {@code detail} says where. */
    public static GatewayException malformed(WireProtocol protocol, String detail) {
        return new GatewayException(ErrorCategory.UPSTREAM_ERROR, vendor(protocol) + " upstream sent a malformed response: " + detail
                + ". The upstream or a proxy in front of it broke the protocol; retry, and report it to the provider if it persists.");
    }

    private static ErrorCategory category(int status, UpstreamErrorBody said) {
        if ("overloaded_error".equals(said.type())) {
            return ErrorCategory.OVERLOADED;
        }
        if ("API_KEY_INVALID".equals(said.reason())) {
            return ErrorCategory.UPSTREAM_ERROR; // Gemini answers a bad key with 400 INVALID_ARGUMENT
        }
        return categoryOf(status);
    }

    /** The category of an upstream's error status alone, for answers passed through without being read. */
    public static ErrorCategory categoryOf(int status) {
        return switch (status) {
            case 400, 409, 422 -> ErrorCategory.INVALID_REQUEST;
            case 408, 504 -> ErrorCategory.TIMEOUT;
            case 413 -> ErrorCategory.REQUEST_TOO_LARGE;
            case 429 -> ErrorCategory.RATE_LIMITED;
            case 503 -> ErrorCategory.UPSTREAM_UNAVAILABLE;
            case 529 -> ErrorCategory.OVERLOADED;
            default -> ErrorCategory.UPSTREAM_ERROR;
        };
    }

    private static String message(WireProtocol protocol, int status, ErrorCategory category, UpstreamErrorBody said) {
        String upstream = vendor(protocol) + " upstream";
        String quoted = " (HTTP " + status + ": " + said.describe() + ")";
        return switch (category) {
            case INVALID_REQUEST -> said.message() != null && !said.message().isBlank() ? said.message()
                    : upstream + " rejected the request" + quoted + ".";
            case RATE_LIMITED -> upstream + " is rate limiting the gateway" + quoted + ". Retry after the delay given.";
            case OVERLOADED -> upstream + " is overloaded" + quoted + ". Retry later.";
            case UPSTREAM_UNAVAILABLE -> upstream + " is unavailable" + quoted + ". Retry later.";
            case TIMEOUT -> upstream + " timed out" + quoted + ". Retry, or raise the provider's timeout.";
            case REQUEST_TOO_LARGE -> upstream + " refused the request as too large" + quoted + ". Shorten the conversation or its attachments.";
            default -> switch ("API_KEY_INVALID".equals(said.reason()) ? 401 : status) {
                case 401, 403 -> upstream + " refused the gateway's provider credential" + quoted
                        + ". An administrator must fix the provider's API key in the Lakegate configuration.";
                case 404 -> upstream + " does not know the destination" + quoted
                        + ". An administrator must check the endpoint's destination model and the provider's base_url.";
                default -> upstream + " failed" + quoted + ". Retry the request.";
            };
        };
    }

    static String vendor(WireProtocol protocol) {
        return switch (protocol) {
            case ANTHROPIC -> "Anthropic";
            case OPENAI_CHAT -> "OpenAI Chat Completions";
            case OPENAI_RESPONSES -> "OpenAI Responses";
            case GEMINI -> "Gemini";
        };
    }
}
