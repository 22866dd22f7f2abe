package dev.lakegate.protocol.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.sse.SseEvent;
import dev.lakegate.protocol.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorRendererTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REQUEST_ID = "req_0123456789";

    static final GatewayError RATE_LIMITED = GatewayError.of(ErrorCategory.RATE_LIMITED,
            "Rate limit of 60 requests per minute for user 'alice' on endpoint 'gw-claude' reached. Retry after the window resets.")
            .withRetryAfter(Duration.ofMillis(1500));
    static final GatewayError BUDGET = GatewayError.of(ErrorCategory.BUDGET_EXCEEDED,
            "Monthly budget 'team-a' of 100.00 USD is spent; it resets on 2026-12-01T00:00:00Z. Ask an admin to raise it.");
    static final GatewayError NOT_FOUND = GatewayError.of(ErrorCategory.NOT_FOUND,
            "Endpoint 'gw-nope' does not exist. List the endpoints you may query with GET /models.").withParam("model");
    static final GatewayError BROKEN_STREAM = GatewayError.of(ErrorCategory.UPSTREAM_ERROR,
            "Upstream provider 'anthropic-prod' broke off the response: connection reset. Retry the request.");

    static Stream<Arguments> goldenBodies() {
        return Stream.of(
                Arguments.of(WireProtocol.ANTHROPIC, RATE_LIMITED, "anthropic/errors/rate-limit-429.json"),
                Arguments.of(WireProtocol.ANTHROPIC, BUDGET, "anthropic/errors/budget-403.json"),
                Arguments.of(WireProtocol.ANTHROPIC, NOT_FOUND, "anthropic/errors/not-found-404.json"),
                Arguments.of(WireProtocol.OPENAI_CHAT, RATE_LIMITED, "openai/errors/rate-limit-429.json"),
                Arguments.of(WireProtocol.OPENAI_RESPONSES, RATE_LIMITED, "openai/errors/rate-limit-429.json"),
                Arguments.of(WireProtocol.OPENAI_CHAT, BUDGET, "openai/errors/budget-403.json"),
                Arguments.of(WireProtocol.OPENAI_RESPONSES, BUDGET, "openai/errors/budget-403.json"),
                Arguments.of(WireProtocol.OPENAI_RESPONSES, NOT_FOUND, "openai/errors/not-found-404.json"),
                Arguments.of(WireProtocol.GEMINI, RATE_LIMITED, "gemini/errors/rate-limit-429.json"),
                Arguments.of(WireProtocol.GEMINI, BUDGET, "gemini/errors/budget-403.json"),
                Arguments.of(WireProtocol.GEMINI, NOT_FOUND, "gemini/errors/not-found-404.json"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("goldenBodies")
    void rendersGoldenBody(WireProtocol protocol, GatewayError error, String golden) {
        RenderedError rendered = ErrorRenderer.render(protocol, error, REQUEST_ID);
        assertThat(rendered.bodyText()).isEqualTo(resource(golden));
        assertThat(rendered.contentType()).isEqualTo("application/json");
        assertThat(rendered.status()).isEqualTo(error.status());
    }

    static Stream<Arguments> goldenStreams() {
        return Stream.of(
                Arguments.of(WireProtocol.ANTHROPIC, Framing.SSE, "anthropic/errors/in-stream.sse"),
                Arguments.of(WireProtocol.OPENAI_CHAT, Framing.SSE, "openai/chat/errors/in-stream.sse"),
                Arguments.of(WireProtocol.OPENAI_RESPONSES, Framing.SSE, "openai/responses/errors/in-stream.sse"),
                Arguments.of(WireProtocol.GEMINI, Framing.SSE, "gemini/errors/in-stream.sse"),
                Arguments.of(WireProtocol.GEMINI, Framing.JSON_ARRAY, "gemini/errors/in-stream-array.json"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("goldenStreams")
    void rendersGoldenInStreamError(WireProtocol protocol, Framing framing, String golden) {
        byte[] bytes = ErrorRenderer.renderInStream(protocol, framing, BROKEN_STREAM, REQUEST_ID, 7);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(resource(golden));
    }

    @Test
    void retryHintBecomesRetryAfterSecondsRoundedUp() {
        for (WireProtocol p : WireProtocol.values()) {
            assertThat(ErrorRenderer.render(p, RATE_LIMITED, REQUEST_ID).headers()).containsExactly(Map.entry("retry-after", "2"));
            assertThat(ErrorRenderer.render(p, NOT_FOUND, REQUEST_ID).headers()).isEmpty();
        }
        GatewayError exact = GatewayError.of(ErrorCategory.OVERLOADED, "busy").withRetryAfter(Duration.ofSeconds(30));
        assertThat(ErrorRenderer.render(WireProtocol.ANTHROPIC, exact, null).headers()).containsEntry("retry-after", "30");
    }

    @Test
    void anErrorsOwnHeadersGoBesideRetryAfter() {
        GatewayError refusal = RATE_LIMITED.withHeaders(Map.of("x-ratelimit-limit-requests", "60"));
        assertThat(ErrorRenderer.render(WireProtocol.GEMINI, refusal, null).headers())
                .containsExactly(Map.entry("retry-after", "2"), Map.entry("x-ratelimit-limit-requests", "60"));
        assertThat(refusal.withStatus(503).headers()).containsEntry("x-ratelimit-limit-requests", "60");
    }

    @Test
    void geminiRetryInfoUsesWholeSecondsWhenExact() throws IOException {
        GatewayError error = GatewayError.of(ErrorCategory.RATE_LIMITED, "slow down").withRetryAfter(Duration.ofSeconds(2));
        JsonNode body = json(ErrorRenderer.render(WireProtocol.GEMINI, error, REQUEST_ID).body());
        assertThat(body.at("/error/details/0/@type").asText()).isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
        assertThat(body.at("/error/details/0/retryDelay").asText()).isEqualTo("2s");
    }

    @Test
    void geminiOmitsRetryInfoWithoutHintOrOutside429() throws IOException {
        GatewayError noHint = GatewayError.of(ErrorCategory.RATE_LIMITED, "slow down");
        assertThat(json(ErrorRenderer.render(WireProtocol.GEMINI, noHint, null).body()).at("/error/details").isMissingNode()).isTrue();
        GatewayError unavailable = GatewayError.of(ErrorCategory.UPSTREAM_UNAVAILABLE, "down").withRetryAfter(Duration.ofSeconds(5));
        assertThat(json(ErrorRenderer.render(WireProtocol.GEMINI, unavailable, null).body()).at("/error/details").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void budgetIsFinalOnEverySurfaceWhateverItsStatus(WireProtocol protocol) throws IOException {
        GatewayError misconfigured = BUDGET.withStatus(429).withRetryAfter(Duration.ofDays(3));
        RenderedError rendered = ErrorRenderer.render(protocol, misconfigured, REQUEST_ID);
        assertThat(rendered.status()).isEqualTo(403);
        JsonNode body = json(rendered.body());
        switch (protocol) {
            case ANTHROPIC -> {
                assertThat(body.at("/error/type").asText()).isEqualTo("permission_error");
                assertThat(rendered.headers()).containsEntry("x-should-retry", "false");
            }
            case OPENAI_CHAT, OPENAI_RESPONSES -> {
                assertThat(body.at("/error/type").asText()).isEqualTo("insufficient_quota");
                assertThat(body.at("/error/code").asText()).isEqualTo("budget_exceeded");
                assertThat(body.at("/error/message").asText()).doesNotContain("try again");
                assertThat(rendered.headers()).containsEntry("x-should-retry", "false");
            }
            case GEMINI -> {
                assertThat(body.at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");
                assertThat(body.at("/error/code").asInt()).isEqualTo(403);
                assertThat(body.at("/error/details").isMissingNode()).isTrue();
            }
        }
    }

    @Test
    void budgetInAResponsesStreamUsesTheCodeCodexTreatsAsFinal() throws IOException {
        List<SseEvent> events = sse(ErrorRenderer.renderInStream(WireProtocol.OPENAI_RESPONSES, Framing.SSE, BUDGET, REQUEST_ID, 3));
        assertThat(events).hasSize(1);
        JsonNode data = json(events.get(0).data().getBytes(StandardCharsets.UTF_8));
        assertThat(data.at("/response/error/code").asText()).isEqualTo("insufficient_quota");
        assertThat(data.at("/sequence_number").asLong()).isEqualTo(3);
    }

    @Test
    void rateLimitInAResponsesStreamCarriesTheDelayCodexParses() throws IOException {
        byte[] bytes = ErrorRenderer.renderInStream(WireProtocol.OPENAI_RESPONSES, Framing.SSE, RATE_LIMITED, REQUEST_ID);
        JsonNode data = json(sse(bytes).get(0).data().getBytes(StandardCharsets.UTF_8));
        assertThat(data.at("/sequence_number").asLong()).isZero();
        assertThat(data.at("/response/status").asText()).isEqualTo("failed");
        assertThat(data.at("/response/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(data.at("/response/error/message").asText()).matches("(?s).*try again in\\s*2s.*");
    }

    @Test
    void existingRetryWordingIsNotRepeated() throws IOException {
        GatewayError error = GatewayError.of(ErrorCategory.RATE_LIMITED, "Slow down. Please try again in 5s.").withRetryAfter(Duration.ofSeconds(5));
        assertThat(json(ErrorRenderer.render(WireProtocol.OPENAI_CHAT, error, null).body()).at("/error/message").asText())
                .isEqualTo("Slow down. Please try again in 5s.");
    }

    static Stream<Arguments> namesPerStatus() {
        return Stream.of(
                Arguments.of(ErrorCategory.INVALID_REQUEST, "invalid_request_error", "invalid_request_error", null, "INVALID_ARGUMENT"),
                Arguments.of(ErrorCategory.AUTHENTICATION, "authentication_error", "invalid_request_error", "invalid_api_key", "UNAUTHENTICATED"),
                Arguments.of(ErrorCategory.PERMISSION, "permission_error", "invalid_request_error", "permission_denied", "PERMISSION_DENIED"),
                Arguments.of(ErrorCategory.BUDGET_EXCEEDED, "permission_error", "insufficient_quota", "budget_exceeded", "PERMISSION_DENIED"),
                Arguments.of(ErrorCategory.NOT_FOUND, "not_found_error", "invalid_request_error", "not_found", "NOT_FOUND"),
                Arguments.of(ErrorCategory.METHOD_NOT_ALLOWED, "invalid_request_error", "invalid_request_error", "method_not_allowed", "INVALID_ARGUMENT"),
                Arguments.of(ErrorCategory.UNSUPPORTED_MEDIA_TYPE, "invalid_request_error", "invalid_request_error", "unsupported_media_type", "INVALID_ARGUMENT"),
                Arguments.of(ErrorCategory.REQUEST_TOO_LARGE, "request_too_large", "invalid_request_error", "request_too_large", "INVALID_ARGUMENT"),
                Arguments.of(ErrorCategory.RATE_LIMITED, "rate_limit_error", "requests", "rate_limit_exceeded", "RESOURCE_EXHAUSTED"),
                Arguments.of(ErrorCategory.UPSTREAM_UNAVAILABLE, "api_error", "server_error", null, "UNAVAILABLE"),
                Arguments.of(ErrorCategory.UPSTREAM_ERROR, "api_error", "server_error", null, "UNAVAILABLE"),
                Arguments.of(ErrorCategory.TIMEOUT, "api_error", "server_error", null, "DEADLINE_EXCEEDED"),
                Arguments.of(ErrorCategory.OVERLOADED, "overloaded_error", "server_error", null, "UNAVAILABLE"),
                Arguments.of(ErrorCategory.INTERNAL, "api_error", "server_error", null, "INTERNAL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namesPerStatus")
    void namesEachCategoryPerSurface(ErrorCategory category, String anthropicType, String openAiType, String openAiCode, String geminiStatus)
            throws IOException {
        GatewayError error = GatewayError.of(category, "message for " + category);
        JsonNode anthropic = json(ErrorRenderer.render(WireProtocol.ANTHROPIC, error, REQUEST_ID).body());
        assertThat(anthropic.at("/type").asText()).isEqualTo("error");
        assertThat(anthropic.at("/error/type").asText()).isEqualTo(anthropicType);
        assertThat(anthropic.at("/error/message").asText()).isEqualTo("message for " + category);
        assertThat(anthropic.at("/request_id").asText()).isEqualTo(REQUEST_ID);

        JsonNode openAi = json(ErrorRenderer.render(WireProtocol.OPENAI_CHAT, error, REQUEST_ID).body());
        assertThat(openAi.at("/error/type").asText()).isEqualTo(openAiType);
        assertThat(openAi.at("/error/code").isNull() ? null : openAi.at("/error/code").asText()).isEqualTo(openAiCode);
        assertThat(openAi.at("/error/param").isNull()).isTrue();

        RenderedError gemini = ErrorRenderer.render(WireProtocol.GEMINI, error, REQUEST_ID);
        assertThat(json(gemini.body()).at("/error/status").asText()).isEqualTo(geminiStatus);
        assertThat(json(gemini.body()).at("/error/code").asInt()).isEqualTo(category.status());
        assertThat(gemini.status()).isEqualTo(category.status());
    }

    @Test
    void namesFollowTheStatusActuallySent() throws IOException {
        GatewayError upstream400 = GatewayError.of(ErrorCategory.UPSTREAM_ERROR, "bad request upstream").withStatus(400);
        assertThat(json(ErrorRenderer.render(WireProtocol.ANTHROPIC, upstream400, null).body()).at("/error/type").asText())
                .isEqualTo("invalid_request_error");
        assertThat(json(ErrorRenderer.render(WireProtocol.GEMINI, upstream400, null).body()).at("/error/status").asText())
                .isEqualTo("INVALID_ARGUMENT");
        GatewayError upstream503 = GatewayError.of(ErrorCategory.UPSTREAM_ERROR, "unavailable").withStatus(503);
        assertThat(ErrorRenderer.render(WireProtocol.OPENAI_CHAT, upstream503, null).status()).isEqualTo(503);
    }

    @Test
    void omitsRequestIdWhenUnknownAndFillsMissingMessage() throws IOException {
        GatewayError noMessage = new GatewayError(ErrorCategory.INTERNAL, 500, null, Optional.empty(), Optional.empty());
        JsonNode body = json(ErrorRenderer.render(WireProtocol.ANTHROPIC, noMessage, null).body());
        assertThat(body.has("request_id")).isFalse();
        assertThat(body.at("/error/message").asText()).isEqualTo("Request failed (internal)");
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void escapesHostileMessagesIntoOneValidEvent(WireProtocol protocol) throws IOException {
        String nasty = "line1\n\ndata: [DONE]\r\n\"quoted\" \\ 🎉 \u0000";
        GatewayError error = GatewayError.of(ErrorCategory.INVALID_REQUEST, nasty);
        assertThat(json(ErrorRenderer.render(protocol, error, REQUEST_ID).body()).toString()).contains("🎉");
        List<SseEvent> events = sse(ErrorRenderer.renderInStream(protocol, Framing.SSE, error, REQUEST_ID));
        JsonNode first = json(events.get(0).data().getBytes(StandardCharsets.UTF_8));
        assertThat(first.findValue("message").asText()).startsWith(nasty);
        assertThat(events).hasSize(protocol == WireProtocol.OPENAI_CHAT ? 2 : 1);
    }

    @Test
    void inStreamEventsParseBackWithTheirNames() {
        assertThat(sse(ErrorRenderer.renderInStream(WireProtocol.ANTHROPIC, Framing.SSE, BROKEN_STREAM, REQUEST_ID)))
                .extracting(SseEvent::event).containsExactly("error");
        assertThat(sse(ErrorRenderer.renderInStream(WireProtocol.OPENAI_CHAT, Framing.SSE, BROKEN_STREAM, REQUEST_ID)))
                .extracting(SseEvent::event, SseEvent::data).last().isEqualTo(tuple(null, "[DONE]"));
        assertThat(sse(ErrorRenderer.renderInStream(WireProtocol.OPENAI_RESPONSES, Framing.SSE, BROKEN_STREAM, REQUEST_ID)))
                .extracting(SseEvent::event).containsExactly("response.failed");
    }

    @Test
    void geminiArrayErrorClosesAnOpenArray() throws IOException {
        byte[] tail = ErrorRenderer.renderInStream(WireProtocol.GEMINI, Framing.JSON_ARRAY, RATE_LIMITED, REQUEST_ID);
        String whole = "[{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]}}]}" + new String(tail, StandardCharsets.UTF_8);
        JsonNode array = MAPPER.readTree(whole);
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isEqualTo(2);
        assertThat(array.get(1).at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void startedJsonBodyCannotCarryAnError(WireProtocol protocol) {
        assertThat(ErrorRenderer.renderInStream(protocol, Framing.JSON, BROKEN_STREAM, REQUEST_ID)).isEmpty();
    }

    @Test
    void protoDurationFormats() {
        assertThat(ErrorRenderer.protoDuration(Duration.ofSeconds(38))).isEqualTo("38s");
        assertThat(ErrorRenderer.protoDuration(Duration.ofMillis(250))).isEqualTo("0.250s");
        assertThat(ErrorRenderer.protoDuration(Duration.ofSeconds(-1))).isEqualTo("0s");
        assertThat(ErrorRenderer.ceilSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(ErrorRenderer.ceilSeconds(Duration.ZERO)).isZero();
    }

    private static List<SseEvent> sse(byte[] bytes) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(bytes);
        parser.finish();
        return events;
    }

    private static JsonNode json(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    static String resource(String path) {
        try (InputStream in = ErrorRendererTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as("test resource %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
