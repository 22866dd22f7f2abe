package dev.lakegate.protocol.canonical;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.anthropic.AnthropicResponseWriter;
import dev.lakegate.protocol.gemini.GeminiResponseWriter;
import dev.lakegate.protocol.openai.chat.ChatResponseWriter;
import dev.lakegate.protocol.openai.responses.ResponsesResponseWriter;
import java.time.InstantSource;

/**
 * Writes canonical answers in one vendor's exact response format: a unary JSON body, or a
 * per-response {@link StreamEncoder} for the vendor's streaming grammar. Stateless and thread-safe;
 * each stream gets its own encoder.
 */
public interface ResponseWriter {

    /** Content type of unary bodies. */
    String JSON_CONTENT_TYPE = "application/json";

    WireProtocol protocol();

    /** The vendor's non-streaming response body. */
    byte[] unary(CanonicalResponse response);

    /** A fresh encoder for one streamed response. */
    StreamEncoder stream(StreamOptions options);

    static ResponseWriter of(WireProtocol protocol) {
        return of(protocol, InstantSource.system());
    }

    /** @param clock source of the {@code created} timestamps OpenAI's formats carry (fixed in golden tests) */
    static ResponseWriter of(WireProtocol protocol, InstantSource clock) {
        return switch (protocol) {
            case ANTHROPIC -> new AnthropicResponseWriter();
            case OPENAI_CHAT -> new ChatResponseWriter(clock);
            case OPENAI_RESPONSES -> new ResponsesResponseWriter(clock);
            case GEMINI -> new GeminiResponseWriter();
        };
    }
}
