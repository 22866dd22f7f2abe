package dev.lakegate.protocol.openai.chat;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.RequestCodec;

/**
 * OpenAI Chat Completions requests. {@code system}/{@code developer} messages stay in place as
 * SYSTEM messages; each {@code tool} message becomes a user message holding one tool result.
 */
public final class ChatRequestCodec implements RequestCodec {

    @Override
    public WireProtocol protocol() {
        return WireProtocol.OPENAI_CHAT;
    }

    @Override
    public CanonicalRequest decode(byte[] body) {
        return ChatRequestReader.read(body);
    }

    @Override
    public byte[] encode(CanonicalRequest request, String upstreamModel) {
        return ChatRequestWriter.write(request, upstreamModel);
    }
}
