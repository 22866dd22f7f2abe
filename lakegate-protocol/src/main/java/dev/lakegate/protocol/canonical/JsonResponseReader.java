package dev.lakegate.protocol.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import java.util.function.Consumer;

/**
 * A {@link ResponseReader} built on the protocol's stream state machine, so unary and streamed answers
 * decode alike by construction: the unary body is fed to the same {@link DocumentDecoder} (as the one
 * document it is, or as the stream event it resembles) and the events are assembled.
 *
 * @param <D> the protocol's state machine
 */
public abstract class JsonResponseReader<D extends DocumentDecoder> implements ResponseReader {
    private final WireProtocol protocol;

    protected JsonResponseReader(WireProtocol protocol) {
        this.protocol = protocol;
    }

    /** A fresh state machine reporting to {@code out}. */
    protected abstract D decoder(CanonicalEmitter out);

    /** Feeds a whole unary body to a fresh state machine. */
    protected abstract void readBody(JsonNode body, D decoder);

    @Override
    public final WireProtocol protocol() {
        return protocol;
    }

    @Override
    public final CanonicalResponse unary(byte[] body) {
        JsonNode document = UpstreamJson.parseObject(protocol, body, 0, body.length, "the response body");
        ResponseAssembler assembler = new ResponseAssembler();
        CanonicalEmitter out = new CanonicalEmitter(protocol, assembler, assembler::block);
        D decoder = decoder(out);
        readBody(document, decoder);
        out.finish(decoder.stopReason(), UpstreamJson.usage(protocol, body));
        return assembler.response();
    }

    @Override
    public final StreamDecoder stream(Framing framing, Consumer<StreamEvent> sink) {
        return new FramedStreamDecoder(protocol, framing, sink, this::decoder);
    }
}
