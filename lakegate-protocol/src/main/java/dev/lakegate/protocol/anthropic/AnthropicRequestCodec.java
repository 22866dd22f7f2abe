package dev.lakegate.protocol.anthropic;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.RequestCodec;

/**
 * Anthropic Messages requests ({@code POST /v1/messages}). Claude Code's {@code role: "system"}
 * messages inside {@code messages} decode to in-conversation SYSTEM messages: they go back as they
 * came to Anthropic and become leading instructions or {@code <system-reminder>} notes elsewhere.
 */
public final class AnthropicRequestCodec implements RequestCodec {

    @Override
    public WireProtocol protocol() {
        return WireProtocol.ANTHROPIC;
    }

    @Override
    public CanonicalRequest decode(byte[] body) {
        return AnthropicRequestReader.read(body);
    }

    @Override
    public byte[] encode(CanonicalRequest request, String upstreamModel) {
        return AnthropicRequestWriter.write(request, upstreamModel);
    }
}
