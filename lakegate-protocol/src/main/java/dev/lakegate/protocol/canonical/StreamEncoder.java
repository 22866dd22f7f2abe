package dev.lakegate.protocol.canonical;

import java.util.List;

/**
 * Encodes one streamed response, event by event, in a vendor's wire grammar. Stateful (block
 * indices, sequence numbers, open items) and single-threaded; feed it {@link StreamEvent.Start},
 * deltas, then {@link StreamEvent.Finish}. Nothing is held back longer than the protocol needs.
 */
public interface StreamEncoder {

    /** The Content-Type header of the streamed body. */
    String contentType();

    /**
     * The wire bytes for one canonical event: zero or more complete vendor events (an SSE event, a
     * JSON-array element), in order, each to be written and flushed as it comes.
     *
     * @throws IllegalStateException when events arrive out of the grammar's order
     */
    List<byte[]> encode(StreamEvent event);
}
