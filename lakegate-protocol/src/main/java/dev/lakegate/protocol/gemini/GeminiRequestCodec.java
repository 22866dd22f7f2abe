package dev.lakegate.protocol.gemini;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.RequestCodec;

/**
 * Gemini {@code generateContent} / {@code streamGenerateContent} bodies. The model and the stream
 * flag live in the URL, not the body: {@link #decode} leaves them unset (null, false) for the caller
 * to fill in with {@link CanonicalRequest#withModel} and {@link CanonicalRequest#withStream}, and
 * {@link #encode} writes neither (the upstream client puts them in the URL).
 */
public final class GeminiRequestCodec implements RequestCodec {

    @Override
    public WireProtocol protocol() {
        return WireProtocol.GEMINI;
    }

    @Override
    public CanonicalRequest decode(byte[] body) {
        return GeminiRequestReader.read(body);
    }

    @Override
    public byte[] encode(CanonicalRequest request, String upstreamModel) {
        return GeminiRequestWriter.write(request);
    }
}
