package dev.lakegate.protocol.canonical;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.sse.SseParser;
import dev.lakegate.protocol.sse.SseTooLargeException;
import java.util.Arrays;

/** SSE events as documents: each event's data parsed as one JSON object, OpenAI's {@code [DONE]} passed on as such. */
final class SseDocuments implements Documents {
    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

    private final WireProtocol protocol;
    private final DocumentDecoder decoder;
    private final SseParser parser;

    SseDocuments(WireProtocol protocol, DocumentDecoder decoder) {
        this.protocol = protocol;
        this.decoder = decoder;
        this.parser = SseParser.raw(this::onEvent, UpstreamJson.MAX_DOCUMENT_BYTES, false);
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        try {
            parser.feed(bytes, offset, length);
        } catch (SseTooLargeException e) {
            throw UpstreamErrors.malformed(protocol, e.getMessage());
        }
    }

    @Override
    public void finish() {
        parser.finish();
    }

    private void onEvent(String event, byte[] data, int length) {
        if (length == DONE.length && Arrays.equals(data, 0, length, DONE, 0, length)) {
            decoder.onDone();
            return;
        }
        String what = event == null ? "an SSE event" : "SSE event " + event;
        decoder.onDocument(event, UpstreamJson.parseObject(protocol, data, 0, length, what));
    }
}
