package dev.lakegate.protocol.canonical.request;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.anthropic.AnthropicRequestCodec;
import dev.lakegate.protocol.gemini.GeminiRequestCodec;
import dev.lakegate.protocol.openai.chat.ChatRequestCodec;
import dev.lakegate.protocol.openai.responses.ResponsesRequestCodec;

/**
 * Reads one vendor's request body into the canonical model and writes a canonical request as that
 * vendor's body: the translation lane decodes with the client's codec and encodes with the
 * upstream's. Stateless and thread-safe.
 *
 * <p>Encoding to a protocol other than the source one drops what the target cannot express (see
 * {@code docs/translation.md}): foreign thinking, foreign extras, other tools. Encoding to the
 * source protocol restores the extras, so a same-vendor round trip is lossless.
 */
public interface RequestCodec {

    WireProtocol protocol();

    /**
     * @throws dev.lakegate.protocol.error.GatewayException INVALID_REQUEST, naming the field, when the
     *     body is not a valid request of this protocol
     */
    CanonicalRequest decode(byte[] body);

    /**
     * @param upstreamModel the destination's model name, written as the body's {@code model} (Gemini
     *     carries it in the URL, so its body has none); null keeps {@code request.model()}
     */
    byte[] encode(CanonicalRequest request, String upstreamModel);

    static RequestCodec of(WireProtocol protocol) {
        return switch (protocol) {
            case ANTHROPIC -> new AnthropicRequestCodec();
            case OPENAI_CHAT -> new ChatRequestCodec();
            case OPENAI_RESPONSES -> new ResponsesRequestCodec();
            case GEMINI -> new GeminiRequestCodec();
        };
    }
}
