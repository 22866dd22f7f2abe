package dev.lakegate.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalEmitter;
import dev.lakegate.protocol.canonical.JsonResponseReader;

/**
 * Anthropic Messages responses: the {@code message} object, or the {@code message_start …
 * message_stop} SSE stream. Text, thinking with its signature, redacted thinking (unary only: no
 * stream event carries it) and tool_use blocks are read; server-side tool blocks are skipped.
 */
public final class AnthropicResponseReader extends JsonResponseReader<AnthropicStreamDecoder> {

    public AnthropicResponseReader() {
        super(WireProtocol.ANTHROPIC);
    }

    @Override
    protected AnthropicStreamDecoder decoder(CanonicalEmitter out) {
        return new AnthropicStreamDecoder(out);
    }

    @Override
    protected void readBody(JsonNode body, AnthropicStreamDecoder decoder) {
        decoder.onMessage(body);
    }
}
