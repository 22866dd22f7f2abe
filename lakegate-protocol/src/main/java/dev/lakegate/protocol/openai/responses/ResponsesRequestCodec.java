package dev.lakegate.protocol.openai.responses;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.RequestCodec;

/**
 * OpenAI Responses requests. Each {@code input} item becomes one canonical message (a function call
 * an assistant message with one tool use, its output a user message with one tool result, a
 * reasoning item an assistant message with one thinking block), so items round-trip one to one;
 * other protocols' encoders merge the consecutive same-role messages. Codex sends its system prompt
 * as {@code developer} messages: they stay SYSTEM messages in place.
 */
public final class ResponsesRequestCodec implements RequestCodec {

    @Override
    public WireProtocol protocol() {
        return WireProtocol.OPENAI_RESPONSES;
    }

    @Override
    public CanonicalRequest decode(byte[] body) {
        return ResponsesRequestReader.read(body);
    }

    @Override
    public byte[] encode(CanonicalRequest request, String upstreamModel) {
        return ResponsesRequestWriter.write(request, upstreamModel);
    }
}
