package dev.lakegate.protocol.canonical;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.anthropic.AnthropicResponseReader;
import dev.lakegate.protocol.gemini.GeminiResponseReader;
import dev.lakegate.protocol.openai.chat.ChatResponseReader;
import dev.lakegate.protocol.openai.responses.ResponsesResponseReader;
import java.util.function.Consumer;

/**
 * Reads one vendor's response format into the canonical model: a unary JSON body, or a per-response
 * {@link StreamDecoder} for the vendor's streaming grammar. The inverse of {@link ResponseWriter};
 * stateless and thread-safe. Upstream error bodies (non-2xx) are read by {@link UpstreamErrors}.
 */
public interface ResponseReader {

    WireProtocol protocol();

    /**
     * The canonical form of a non-streaming response body.
     *
     * @throws dev.lakegate.protocol.error.GatewayException {@code UPSTREAM_ERROR} when the body is not a
     *     valid response of this protocol, or is an error body
     */
    CanonicalResponse unary(byte[] body);

    /**
     * A fresh decoder for one streamed response.
     *
     * @param framing SSE, or (Gemini only) the JSON array of {@code streamGenerateContent} without {@code alt=sse}
     * @param sink receives the canonical events as they are decoded
     */
    StreamDecoder stream(Framing framing, Consumer<StreamEvent> sink);

    static ResponseReader of(WireProtocol protocol) {
        return switch (protocol) {
            case ANTHROPIC -> new AnthropicResponseReader();
            case OPENAI_CHAT -> new ChatResponseReader();
            case OPENAI_RESPONSES -> new ResponsesResponseReader();
            case GEMINI -> new GeminiResponseReader();
        };
    }
}
