package dev.lakegate.protocol.error;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.sse.SseEvent;
import dev.lakegate.protocol.sse.SseWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link GatewayError} in the error shape of the surface that reports it, before a response
 * started ({@link #render}) or as the last bytes of a stream that already started ({@link #renderInStream}).
 *
 * <p>Shapes and names (the status sent is {@link GatewayError#status()}, except budgets, see below):
 * <ul>
 *   <li>Anthropic: {@code {"type":"error","error":{"type":T,"message":M},"request_id":R}} with T
 *       {@code invalid_request_error} (400, 405, 415 and other 4xx), {@code authentication_error} 401,
 *       {@code permission_error} 403, {@code not_found_error} 404, {@code request_too_large} 413,
 *       {@code rate_limit_error} 429, {@code overloaded_error} 529, {@code api_error} other 5xx.
 *   <li>OpenAI (Chat and Responses): {@code {"error":{"message","type","param","code"}}} with what the
 *       OpenAI API itself sends: type {@code invalid_request_error} for 4xx (code {@code invalid_api_key}
 *       401, {@code permission_denied} 403, {@code model_not_found} 404 when {@code param} is
 *       {@code model}, else {@code not_found}), type {@code requests} + code {@code rate_limit_exceeded}
 *       for 429 (the gateway's limits count requests and tokens alike, and Codex CLI only reads the code),
 *       type {@code server_error} and code null for 5xx. A 429 with a retry hint gets "Please try again in
 *       Ns." appended to its message, the form Codex CLI parses its back-off from in-stream.
 *   <li>Gemini: {@code {"error":{"code","message","status"}}} with google.rpc names (INVALID_ARGUMENT,
 *       UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND, RESOURCE_EXHAUSTED, INTERNAL, UNAVAILABLE for
 *       502/503/529, DEADLINE_EXCEEDED 504); a 429 with a retry hint carries
 *       {@code details:[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"Ns"}]}, the only
 *       back-off Gemini CLI honours.
 * </ul>
 *
 * <p>Budgets are final on every surface: always status 403, Anthropic {@code permission_error} plus
 * {@code x-should-retry: false} (the Anthropic and OpenAI SDKs obey it), OpenAI type
 * {@code insufficient_quota} code {@code budget_exceeded} (in a Responses stream code
 * {@code insufficient_quota}, the one Codex CLI treats as final), Gemini PERMISSION_DENIED. Any retry
 * hint becomes a {@code retry-after} header in whole seconds, rounded up; the error's own
 * {@linkplain GatewayError#headers() headers} are sent beside it.
 */
public final class ErrorRenderer {
    public static final String CONTENT_TYPE = "application/json";

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] DONE = SseWriter.encode(SseEvent.data("[DONE]"));

    private ErrorRenderer() {}

    /** The complete error response for a request whose response has not started. */
    public static RenderedError render(WireProtocol protocol, GatewayError error, String requestId) {
        int status = ErrorCodes.status(error);
        Map<String, String> headers = new LinkedHashMap<>();
        error.retryAfter().ifPresent(d -> headers.put("retry-after", Long.toString(ceilSeconds(d))));
        headers.putAll(error.headers());
        if (error.category() == ErrorCategory.BUDGET_EXCEEDED && protocol != WireProtocol.GEMINI) {
            headers.put("x-should-retry", "false");
        }
        return new RenderedError(status, CONTENT_TYPE, body(protocol, error, status, requestId), Collections.unmodifiableMap(headers));
    }

    /** Same as {@link #renderInStream(WireProtocol, Framing, GatewayError, String, long)} with sequence number 0. */
    public static byte[] renderInStream(WireProtocol protocol, Framing framing, GatewayError error, String requestId) {
        return renderInStream(protocol, framing, error, requestId, 0);
    }

    /**
     * The bytes that end a response whose body already started, so the client sees the error and a clean end:
     * Anthropic {@code event: error}; OpenAI Chat {@code data: {"error":…}} then {@code data: [DONE]};
     * OpenAI Responses {@code event: response.failed} whose {@code response.id} is {@code requestId} (the
     * upstream response id is not known here); Gemini SSE {@code data: {"error":…}}; a JSON array
     * ({@link Framing#JSON_ARRAY}, which must already hold an element) gets the error body appended as its
     * last element and is closed. A started {@link Framing#JSON} body cannot carry an error: the result is
     * empty and the caller should abort the connection, so the client sees a truncated body.
     *
     * @param sequenceNumber the {@code sequence_number} of the Responses event, i.e. one more than the last
     *     event the client received; ignored by the other protocols
     */
    public static byte[] renderInStream(WireProtocol protocol, Framing framing, GatewayError error, String requestId, long sequenceNumber) {
        int status = ErrorCodes.status(error);
        return switch (framing) {
            case JSON -> new byte[0];
            case JSON_ARRAY -> concat(",\n".getBytes(StandardCharsets.US_ASCII), body(protocol, error, status, requestId), "\n]".getBytes(StandardCharsets.US_ASCII));
            case SSE -> switch (protocol) {
                case ANTHROPIC -> SseWriter.encode(SseEvent.named("error", utf8(body(protocol, error, status, requestId))));
                case OPENAI_CHAT -> concat(SseWriter.encode(SseEvent.data(utf8(body(protocol, error, status, requestId)))), DONE);
                case OPENAI_RESPONSES -> SseWriter.encode(SseEvent.named("response.failed", utf8(responsesFailed(error, status, requestId, sequenceNumber))));
                case GEMINI -> SseWriter.encode(SseEvent.data(utf8(body(protocol, error, status, requestId))));
            };
        };
    }

    private static byte[] body(WireProtocol protocol, GatewayError e, int status, String requestId) {
        return switch (protocol) {
            case ANTHROPIC -> json(g -> {
                g.writeStartObject();
                g.writeStringField("type", "error");
                g.writeObjectFieldStart("error");
                g.writeStringField("type", ErrorCodes.anthropicType(e, status));
                g.writeStringField("message", message(e));
                g.writeEndObject();
                if (requestId != null) {
                    g.writeStringField("request_id", requestId);
                }
                g.writeEndObject();
            });
            case OPENAI_CHAT, OPENAI_RESPONSES -> json(g -> {
                g.writeStartObject();
                g.writeObjectFieldStart("error");
                g.writeStringField("message", openAiMessage(e, status));
                g.writeStringField("type", ErrorCodes.openAiType(e, status));
                g.writeStringField("param", e.param().orElse(null));
                g.writeStringField("code", ErrorCodes.openAiCode(e, status));
                g.writeEndObject();
                g.writeEndObject();
            });
            case GEMINI -> json(g -> {
                g.writeStartObject();
                g.writeObjectFieldStart("error");
                g.writeNumberField("code", status);
                g.writeStringField("message", message(e));
                g.writeStringField("status", ErrorCodes.googleStatus(e, status));
                if (status == 429 && e.retryAfter().isPresent()) {
                    g.writeArrayFieldStart("details");
                    g.writeStartObject();
                    g.writeStringField("@type", "type.googleapis.com/google.rpc.RetryInfo");
                    g.writeStringField("retryDelay", protoDuration(e.retryAfter().get()));
                    g.writeEndObject();
                    g.writeEndArray();
                }
                g.writeEndObject();
                g.writeEndObject();
            });
        };
    }

    private static byte[] responsesFailed(GatewayError e, int status, String requestId, long sequenceNumber) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("type", "response.failed");
            g.writeNumberField("sequence_number", sequenceNumber);
            g.writeObjectFieldStart("response");
            if (requestId != null) {
                g.writeStringField("id", requestId);
            }
            g.writeStringField("object", "response");
            g.writeStringField("status", "failed");
            g.writeObjectFieldStart("error");
            g.writeStringField("code", ErrorCodes.responsesFailedCode(e, status));
            g.writeStringField("message", openAiMessage(e, status));
            g.writeEndObject();
            g.writeNullField("incomplete_details");
            g.writeArrayFieldStart("output");
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static String message(GatewayError e) {
        String m = e.message();
        return m == null || m.isBlank() ? "Request failed (" + e.category().name().toLowerCase(Locale.ROOT) + ")" : m;
    }

    private static String openAiMessage(GatewayError e, int status) {
        String m = message(e);
        if (status != 429 || e.retryAfter().isEmpty() || m.toLowerCase(Locale.ROOT).contains("try again in")) {
            return m;
        }
        return m + (m.endsWith(".") ? " " : ". ") + "Please try again in " + ceilSeconds(e.retryAfter().get()) + "s.";
    }

    static long ceilSeconds(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    /** google.protobuf.Duration in JSON: whole seconds as {@code "2s"}, else millisecond precision {@code "1.500s"}. */
    static String protoDuration(Duration d) {
        if (d.isNegative()) {
            return "0s";
        }
        long millis = d.getNano() / 1_000_000;
        return millis == 0 ? d.getSeconds() + "s" : String.format(Locale.ROOT, "%d.%03ds", d.getSeconds(), millis);
    }

    private interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] json(JsonWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return out.toByteArray();
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
