package dev.lakegate.protocol.canonical;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.usage.UsageTap;
import dev.lakegate.protocol.usage.UsageTaps;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link StreamDecoder} from its parts: the framing splits bytes into documents, the protocol's
 * {@link DocumentDecoder} turns them into events, and the passthrough lane's usage tap reads the same
 * bytes, so both lanes report identical usage. The first failure is kept and rethrown.
 */
final class FramedStreamDecoder implements StreamDecoder {
    private final CanonicalEmitter out;
    private final DocumentDecoder decoder;
    private final Documents documents;
    private final UsageTap usage;
    private GatewayException failure;
    private StreamEvent.Finish result;

    FramedStreamDecoder(WireProtocol protocol, Framing framing, Consumer<StreamEvent> sink, Function<CanonicalEmitter, ? extends DocumentDecoder> decoders) {
        this.out = new CanonicalEmitter(protocol, sink);
        this.decoder = decoders.apply(out);
        this.documents = Documents.of(protocol, framing, decoder);
        this.usage = UsageTaps.forResponse(protocol, framing);
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        checkOpen();
        if (result != null) {
            throw new IllegalStateException("StreamDecoder.feed after finish()");
        }
        usage.onBytes(bytes, offset, length);
        try {
            documents.feed(bytes, offset, length);
        } catch (GatewayException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public StreamEvent.Finish finish() {
        checkOpen();
        if (result == null) {
            try {
                documents.finish();
                result = out.finish(decoder.stopReason(), usage.finish());
            } catch (GatewayException e) {
                failure = e;
                throw e;
            }
        }
        return result;
    }

    private void checkOpen() {
        if (failure != null) {
            throw failure;
        }
    }
}
