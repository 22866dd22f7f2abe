package dev.lakegate.protocol.canonical;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One protocol's response state machine over parsed JSON documents (an SSE event's data, an element of
 * a streamed JSON array, or a unary body fed in by its reader), reporting to a {@link CanonicalEmitter}.
 * Framing, usage and the end of the stream are handled by {@link JsonResponseReader}.
 */
public interface DocumentDecoder {

    /**
     * @param event the SSE {@code event:} name, or null (unnamed events, JSON array elements)
     * @param data a JSON object
     */
    void onDocument(String event, JsonNode data);

    /** OpenAI's {@code data: [DONE]} terminator. */
    default void onDone() {}

    /**
     * Why the upstream stopped, asked once at the explicit end; a decoder that held content back to
     * keep canonical order (parallel tool calls) emits it now.
     *
     * @throws dev.lakegate.protocol.error.GatewayException {@code UPSTREAM_ERROR} when the upstream
     *     never said: the stream was cut short
     */
    StopReason stopReason();
}
