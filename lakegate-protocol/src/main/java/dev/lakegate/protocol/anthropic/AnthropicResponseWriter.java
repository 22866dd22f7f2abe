package dev.lakegate.protocol.anthropic;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.ResponseWriter;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamOptions;

/** Anthropic Messages: the {@code message} object, or the {@code message_start … message_stop} SSE grammar. */
public final class AnthropicResponseWriter implements ResponseWriter {

    @Override
    public WireProtocol protocol() {
        return WireProtocol.ANTHROPIC;
    }

    @Override
    public byte[] unary(CanonicalResponse r) {
        return Json.bytes(AnthropicWire.message(r.id(), r.model(), r.content(), r.stopReason(), r.usage()));
    }

    @Override
    public StreamEncoder stream(StreamOptions options) {
        return new AnthropicStreamEncoder();
    }
}
