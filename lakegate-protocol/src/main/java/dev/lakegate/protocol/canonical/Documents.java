package dev.lakegate.protocol.canonical;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;

/** Splits a streamed body into JSON documents for a {@link DocumentDecoder}, holding at most one document. */
interface Documents {

    void feed(byte[] bytes, int offset, int length);

    /** The end of the body: delivers a last SSE event without its blank line; fails inside an unfinished document. */
    void finish();

    static Documents of(WireProtocol protocol, Framing framing, DocumentDecoder decoder) {
        return switch (framing) {
            case SSE -> new SseDocuments(protocol, decoder);
            case JSON_ARRAY -> {
                if (protocol != WireProtocol.GEMINI) {
                    throw new IllegalArgumentException(protocol.id() + " streams are SSE; only Gemini streams a JSON array");
                }
                yield new JsonArrayDocuments(protocol, decoder);
            }
            case JSON -> throw new IllegalArgumentException("A stream is framed as SSE or JSON_ARRAY; read a JSON body with ResponseReader.unary");
        };
    }
}
