package dev.lakegate.protocol.openai.responses;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.ResponseWriter;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamEvents;
import dev.lakegate.protocol.canonical.StreamOptions;
import java.time.InstantSource;

/**
 * OpenAI Responses: the {@code response} object with reasoning, message and function_call output
 * items, or the {@code response.*} event stream. The unary body is the stream's final response, so
 * the two cannot disagree.
 */
public final class ResponsesResponseWriter implements ResponseWriter {
    private final InstantSource clock;

    public ResponsesResponseWriter(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public WireProtocol protocol() {
        return WireProtocol.OPENAI_RESPONSES;
    }

    @Override
    public byte[] unary(CanonicalResponse response) {
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(clock);
        StreamEvents.from(response, 1).forEach(encoder::encode);
        return Json.bytes(encoder.finalResponse());
    }

    @Override
    public StreamEncoder stream(StreamOptions options) {
        return new ResponsesStreamEncoder(clock);
    }
}
