package dev.lakegate.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalEmitter;
import dev.lakegate.protocol.canonical.JsonResponseReader;

/**
 * Gemini {@code generateContent} bodies, and {@code streamGenerateContent} as SSE ({@code alt=sse}) or
 * as the streamed JSON array: text, thought and functionCall parts of candidate 0, finishReason,
 * usageMetadata. See {@link GeminiStreamDecoder} for signatures and synthesized call ids.
 */
public final class GeminiResponseReader extends JsonResponseReader<GeminiStreamDecoder> {

    public GeminiResponseReader() {
        super(WireProtocol.GEMINI);
    }

    @Override
    protected GeminiStreamDecoder decoder(CanonicalEmitter out) {
        return new GeminiStreamDecoder(out);
    }

    @Override
    protected void readBody(JsonNode body, GeminiStreamDecoder decoder) {
        decoder.onDocument(null, body);
    }
}
