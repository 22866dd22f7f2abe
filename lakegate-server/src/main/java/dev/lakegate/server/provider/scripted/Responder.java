package dev.lakegate.server.provider.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.ResponseWriter;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamEvent;
import dev.lakegate.protocol.canonical.StreamEvents;
import dev.lakegate.protocol.canonical.StreamOptions;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.ErrorRenderer;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.RenderedError;
import dev.lakegate.protocol.usage.Usage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Answers one vendor request: picks the script, then writes the error, unary body or paced stream. */
final class Responder {
    /** Every string is streamed in this many deltas, so clients see a real incremental stream. */
    private static final int DELTAS_PER_STRING = 4;
    private static final long SEVER_GRACE_MS = 100;

    private final ScriptQueue queue;
    private final Supplier<List<String>> models;

    Responder(ScriptQueue queue, Supplier<List<String>> models) {
        this.queue = queue;
        this.models = models;
    }

    Outcome respond(ReceivedRequest request, Route route, HttpOut out) throws HttpOut.ClientGone {
        WireProtocol protocol = route.protocol();
        String body = request.bodyText();
        try {
            return switch (route.kind()) {
                case LIST_MODELS -> send(out, 200, protocol, ModelsList.body(protocol, models.get()));
                case COUNT_TOKENS -> {
                    VendorCall.check(protocol, requestJson(body));
                    long tokens = Usage.estimateTokens(body.length());
                    ObjectNode count = protocol == WireProtocol.GEMINI ? Json.object().put("totalTokens", tokens) : Json.object().put("input_tokens", tokens);
                    yield send(out, 200, protocol, Json.bytes(count));
                }
                case GENERATE -> {
                    JsonNode json = requestJson(body);
                    yield generate(out, VendorCall.read(route, json), Answers.lastToolResult(protocol, json), body.length());
                }
            };
        } catch (IllegalArgumentException e) {
            return error(out, protocol, GatewayError.of(ErrorCategory.INVALID_REQUEST, e.getMessage()));
        }
    }

    /** A prompt's inline script wins over the queue; without either, the default answer. */
    private Outcome generate(HttpOut out, VendorCall call, String toolResult, int requestChars) throws HttpOut.ClientGone {
        Script script = Answers.inline(call.lastUserText());
        script = script != null ? script : queue.take(call.model());
        script = script != null ? script : Script.DEFAULT;
        out.pause(script.firstByteDelayMs());
        if (script.error() != null) {
            return error(out, call.protocol(), failure(script.error()));
        }
        CanonicalResponse answer = Answers.answer(script, call, toolResult, requestChars);
        ResponseWriter writer = ResponseWriter.of(call.protocol());
        if (!call.stream()) {
            return send(out, 200, call.protocol(), writer.unary(answer));
        }
        StreamEncoder encoder = writer.stream(new StreamOptions(call.framing(), call.includeUsage()));
        return stream(out, call.protocol(), encoder, answer, script);
    }

    private static JsonNode requestJson(String body) {
        JsonNode json = Json.parse(body, "request body");
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("Request body must be a JSON object");
        }
        return json;
    }

    private Outcome stream(HttpOut out, WireProtocol protocol, StreamEncoder encoder, CanonicalResponse answer, Script script)
            throws HttpOut.ClientGone {
        out.head(200, encoder.contentType(), vendorHeaders(protocol));
        out.write(new byte[0], false); // commit the headers now: the stream has started
        int sent = 0;
        for (StreamEvent event : StreamEvents.from(answer, DELTAS_PER_STRING)) {
            for (byte[] wire : encoder.encode(event)) {
                if (script.failAfterEvents() != null && sent == script.failAfterEvents()) {
                    // Cut when the next event is due, and not at once: a client that sees the close in
                    // the same read as the last events may drop them (java.net.http does).
                    out.pause(Math.max(script.eventDelayMs(), SEVER_GRACE_MS));
                    out.sever();
                    return Outcome.ABORTED;
                }
                if (sent > 0) {
                    out.pause(script.eventDelayMs());
                }
                out.write(wire, false);
                sent++;
            }
        }
        out.write(new byte[0], true);
        out.succeed();
        return Outcome.COMPLETED;
    }

    private static GatewayError failure(Script.Failure f) {
        GatewayError e = GatewayError.of(category(f.status()), f.message()).withStatus(f.status());
        return f.retryAfterSeconds() == null ? e : e.withRetryAfter(Duration.ofSeconds(f.retryAfterSeconds()));
    }

    private static ErrorCategory category(int status) {
        return switch (status) {
            case 400 -> ErrorCategory.INVALID_REQUEST;
            case 401 -> ErrorCategory.AUTHENTICATION;
            case 403 -> ErrorCategory.PERMISSION;
            case 404 -> ErrorCategory.NOT_FOUND;
            case 413 -> ErrorCategory.REQUEST_TOO_LARGE;
            case 429 -> ErrorCategory.RATE_LIMITED;
            case 502 -> ErrorCategory.UPSTREAM_ERROR;
            case 503 -> ErrorCategory.UPSTREAM_UNAVAILABLE;
            case 504 -> ErrorCategory.TIMEOUT;
            case 529 -> ErrorCategory.OVERLOADED;
            default -> status < 500 ? ErrorCategory.INVALID_REQUEST : ErrorCategory.INTERNAL;
        };
    }

    private static Outcome error(HttpOut out, WireProtocol protocol, GatewayError error) throws HttpOut.ClientGone {
        RenderedError rendered = ErrorRenderer.render(protocol, error, Answers.id("req_"));
        Map<String, String> headers = new LinkedHashMap<>(vendorHeaders(protocol));
        headers.putAll(rendered.headers());
        out.head(rendered.status(), rendered.contentType(), headers);
        out.write(rendered.body(), true);
        out.succeed();
        return Outcome.COMPLETED;
    }

    private static Outcome send(HttpOut out, int status, WireProtocol protocol, byte[] json) throws HttpOut.ClientGone {
        out.head(status, ResponseWriter.JSON_CONTENT_TYPE, vendorHeaders(protocol));
        out.write(json, true);
        out.succeed();
        return Outcome.COMPLETED;
    }

    /** The request-id header each vendor sends, which clients show to users and log. */
    private static Map<String, String> vendorHeaders(WireProtocol protocol) {
        return switch (protocol) {
            case ANTHROPIC -> Map.of("request-id", Answers.id("req_"));
            case OPENAI_CHAT, OPENAI_RESPONSES -> Map.of("x-request-id", Answers.id("req_"));
            case GEMINI -> Map.of();
        };
    }
}
