package dev.lakegate.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.sse.SseEvent;

/**
 * How one client protocol talks to the gateway, as its agents and SDKs do: where it posts, how it
 * writes a {@link KitRequest}, and the protocol-native things the kit checks on the wire rather than
 * through the canonical readers (stop reason names, error shapes, in-stream error events).
 */
public interface ClientDialect {

    WireProtocol protocol();

    /** Path and query of a unary or streaming call to {@code endpoint}. */
    String path(String endpoint, boolean stream);

    ObjectNode body(KitRequest request, String endpoint, boolean stream);

    /**
     * The id this client sends back for the {@code index}-th tool call it received: the one it was given,
     * except where the protocol gives none (Gemini clients make their own, as Gemini CLI does).
     */
    default String echoedCallId(String receivedId, String name, int index) {
        return receivedId;
    }

    /** The stop or finish reason a unary answer states, in the wire's words. */
    String wireStopReason(JsonNode answer);

    /** This protocol's own word for a canonical stop reason. */
    String wireStopReason(StopReason reason);

    /** Reads an error body, asserting it has this protocol's error shape for {@code status}. */
    ErrorBody error(int status, JsonNode body);

    /** The error name ({@code type}, {@code code} or {@code status}) this protocol uses for an HTTP status. */
    String errorName(int status);

    /** An event that reports an error inside a started stream. */
    boolean isError(SseEvent event);

    /** An event that only a successfully finished answer sends (its stop reason or final event). */
    boolean isCompletion(SseEvent event);

    /** An event that may follow everything else, error included (Chat's {@code [DONE]}). */
    default boolean isTrailer(SseEvent event) {
        return false;
    }

    /**
     * @param name the protocol's error name: Anthropic {@code error.type}, OpenAI {@code error.code} else
     *     {@code error.type}, Gemini {@code error.status}
     * @param retryDelay Gemini's {@code google.rpc.RetryInfo.retryDelay}, else null
     */
    record ErrorBody(String name, String message, String retryDelay) {}

    static ClientDialect of(WireProtocol protocol) {
        return switch (protocol) {
            case ANTHROPIC -> new AnthropicClient();
            case OPENAI_CHAT -> new ChatClient();
            case OPENAI_RESPONSES -> new ResponsesClient();
            case GEMINI -> new GeminiClient();
        };
    }
}
