package dev.lakegate.protocol.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.ErrorRenderer;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.RenderedError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Vendor error bodies (under {@code <protocol>/decode/errors/}) as gateway errors the lane re-renders for the client. */
class UpstreamErrorsTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    private static final WireProtocol A = WireProtocol.ANTHROPIC;
    private static final WireProtocol C = WireProtocol.OPENAI_CHAT;
    private static final WireProtocol R = WireProtocol.OPENAI_RESPONSES;
    private static final WireProtocol G = WireProtocol.GEMINI;

    static Stream<Arguments> bodies() {
        return Stream.of(
                // protocol, status, resource, retry-after header, category, status sent on, retry hint (ms, -1 none), message part
                Arguments.of(A, 429, "anthropic/decode/errors/rate-limit-429.json", "12", ErrorCategory.RATE_LIMITED, 429, 12_000,
                        "Anthropic upstream is rate limiting the gateway (HTTP 429: rate_limit_error: This request would exceed"),
                Arguments.of(A, 529, "anthropic/decode/errors/overloaded-529.json", null, ErrorCategory.OVERLOADED, 529, -1, "overloaded_error: Overloaded"),
                Arguments.of(A, 500, "anthropic/decode/errors/overloaded-529.json", null, ErrorCategory.OVERLOADED, 529, -1, "is overloaded (HTTP 500"),
                Arguments.of(A, 401, "anthropic/decode/errors/authentication-401.json", null, ErrorCategory.UPSTREAM_ERROR, 502, -1,
                        "refused the gateway's provider credential (HTTP 401: authentication_error: invalid x-api-key). An administrator must fix"),
                Arguments.of(A, 400, "anthropic/decode/errors/invalid-400.json", null, ErrorCategory.INVALID_REQUEST, 400, -1,
                        "messages.1.content.0.tool_use.input: Input should be a valid dictionary"),
                Arguments.of(A, 404, "anthropic/decode/errors/not-found-404.json", null, ErrorCategory.UPSTREAM_ERROR, 502, -1,
                        "does not know the destination (HTTP 404: not_found_error: model: claude-nonexistent)"),
                Arguments.of(R, 429, "openai/decode/errors/rate-limit-429.json", null, ErrorCategory.RATE_LIMITED, 429, 1_200, "tokens: Rate limit reached"),
                Arguments.of(C, 429, "openai/decode/errors/rate-limit-429.json", "3", ErrorCategory.RATE_LIMITED, 429, 3_000, "OpenAI Chat Completions upstream"),
                Arguments.of(C, 401, "openai/decode/errors/invalid-key-401.json", null, ErrorCategory.UPSTREAM_ERROR, 502, -1, "Incorrect API key provided"),
                Arguments.of(R, 400, "openai/decode/errors/context-400.json", null, ErrorCategory.INVALID_REQUEST, 400, -1,
                        "This model's maximum context length is 128000 tokens."),
                Arguments.of(C, 500, "openai/decode/errors/server-500.json", "1", ErrorCategory.UPSTREAM_ERROR, 502, 1_000,
                        "failed (HTTP 500: server_error: The server had an error"),
                Arguments.of(C, 503, "openai/decode/errors/server-500.json", null, ErrorCategory.UPSTREAM_UNAVAILABLE, 503, -1, "is unavailable (HTTP 503"),
                Arguments.of(C, 502, "openai/decode/errors/proxy-502.html", null, ErrorCategory.UPSTREAM_ERROR, 502, -1,
                        "(HTTP 502: <html> <head><title>502 Bad Gateway</title>"),
                Arguments.of(C, 404, "openai/decode/errors/compatible-404.json", null, ErrorCategory.UPSTREAM_ERROR, 502, -1, "(HTTP 404: Not Found)"),
                Arguments.of(G, 429, "gemini/decode/errors/rate-limit-429.json", null, ErrorCategory.RATE_LIMITED, 429, 27_000,
                        "RESOURCE_EXHAUSTED: You exceeded your current quota"),
                Arguments.of(G, 400, "gemini/decode/errors/api-key-400.json", null, ErrorCategory.UPSTREAM_ERROR, 502, -1,
                        "refused the gateway's provider credential (HTTP 400: INVALID_ARGUMENT: API key not valid"),
                Arguments.of(G, 503, "gemini/decode/errors/unavailable-503.json", "30", ErrorCategory.UPSTREAM_UNAVAILABLE, 503, 30_000, "The model is overloaded."),
                Arguments.of(G, 400, "gemini/decode/errors/array-400.json", null, ErrorCategory.INVALID_REQUEST, 400, -1,
                        "* GenerateContentRequest.contents: contents is not specified"),
                Arguments.of(G, 504, "gemini/decode/errors/deadline-504.json", null, ErrorCategory.TIMEOUT, 504, -1, "timed out (HTTP 504: DEADLINE_EXCEEDED"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("bodies")
    void vendorErrorBodiesBecomeGatewayErrors(WireProtocol protocol, int status, String resource, String retryAfter,
                                             ErrorCategory category, int sentStatus, long retryMillis, String message) {
        GatewayError e = UpstreamErrors.read(protocol, status, Decoding.resource(resource), retryAfter, CLOCK);
        assertThat(e.category()).isEqualTo(category);
        assertThat(e.status()).isEqualTo(sentStatus);
        assertThat(e.retryAfter()).isEqualTo(retryMillis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(retryMillis)));
        assertThat(e.message()).contains(message);
    }

    @Test
    void retryAfterHeadersInEveryFormAndCapped() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(UpstreamErrors.read(C, 429, body, "1.5", CLOCK).retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(UpstreamErrors.read(C, 429, body, "Thu, 01 Jan 2026 00:00:42 GMT", CLOCK).retryAfter()).contains(Duration.ofSeconds(42));
        assertThat(UpstreamErrors.read(C, 429, body, "Wed, 31 Dec 2025 23:00:00 GMT", CLOCK).retryAfter()).contains(Duration.ZERO);
        assertThat(UpstreamErrors.read(C, 429, body, "999999999", CLOCK).retryAfter()).contains(Duration.ofHours(1));
        assertThat(UpstreamErrors.read(C, 429, body, "soon", CLOCK).retryAfter()).isEmpty();
        assertThat(UpstreamErrors.read(C, 400, body, "5", CLOCK).retryAfter()).as("not retryable, so no hint").isEmpty();
        byte[] hostile = "{\"error\":{\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"999999999.5s\"}]}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(UpstreamErrors.read(G, 429, hostile, null, CLOCK).retryAfter()).contains(Duration.ofHours(1));
        assertThat(UpstreamErrors.read(G, 429, new byte[0], null, CLOCK).message()).contains("(HTTP 429: no details)");
    }

    @Test
    void aGeminiQuotaErrorReachesAnAnthropicClientAsA429WithRetryAfter() {
        GatewayError e = UpstreamErrors.read(G, 429, Decoding.resource("gemini/decode/errors/rate-limit-429.json"), null, CLOCK);
        RenderedError rendered = ErrorRenderer.render(A, e, "req_1");
        assertThat(rendered.status()).isEqualTo(429);
        assertThat(rendered.headers()).containsEntry("retry-after", "27");
        assertThat(rendered.bodyText()).contains("\"type\":\"rate_limit_error\"");
        GatewayError back = UpstreamErrors.read(A, 429, rendered.body(), rendered.headers().get("retry-after"), CLOCK);
        assertThat(back.retryAfter()).contains(Duration.ofSeconds(27));
    }

    @Test
    void anAnthropicRateLimitReachesAGeminiClientWithRetryInfo() {
        GatewayError e = UpstreamErrors.read(A, 429, Decoding.resource("anthropic/decode/errors/rate-limit-429.json"), "12", CLOCK);
        RenderedError rendered = ErrorRenderer.render(G, e, "req_1");
        assertThat(rendered.bodyText()).contains("\"status\":\"RESOURCE_EXHAUSTED\"").contains("\"retryDelay\":\"12s\"");
        assertThat(UpstreamErrors.read(G, rendered.status(), rendered.body(), null, CLOCK).retryAfter()).contains(Duration.ofSeconds(12));
    }

    @Test
    void anUpstream401NeverBecomesTheClientsAuthenticationError() {
        for (WireProtocol client : WireProtocol.values()) {
            GatewayError e = UpstreamErrors.read(A, 401, Decoding.resource("anthropic/decode/errors/authentication-401.json"), null, CLOCK);
            assertThat(ErrorRenderer.render(client, e, null).status()).isEqualTo(502);
        }
    }
}
