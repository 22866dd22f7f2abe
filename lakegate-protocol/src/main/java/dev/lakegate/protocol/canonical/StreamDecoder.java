package dev.lakegate.protocol.canonical;

/**
 * Decodes one streamed upstream response, in the upstream's protocol, into canonical
 * {@link StreamEvent}s: the inverse of {@link StreamEncoder}. A per-response state machine, fed the
 * body's bytes in chunks of any size; events go to the sink given at creation, synchronously and in
 * order: {@link StreamEvent.Start} first (synthesized when the upstream's first event lacks an id or
 * model), content deltas, and exactly one {@link StreamEvent.Finish}, sent by {@link #finish()}.
 *
 * <p>Hostile upstreams are expected: buffers are bounded, indices are checked, unknown event types are
 * ignored. A broken stream (malformed JSON, an event out of grammar, an upstream error event, an end
 * before the upstream said why it stopped) raises a {@link dev.lakegate.protocol.error.GatewayException}
 * of category {@code UPSTREAM_ERROR} after the events already decoded were emitted; the decoder is
 * then dead and every later call rethrows it. Not thread-safe.
 */
public interface StreamDecoder {

    /** Consumes {@code length} bytes of the body, emitting the events they complete. */
    void feed(byte[] bytes, int offset, int length);

    default void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /**
     * The explicit end of the body: emits and returns the one {@link StreamEvent.Finish}, with the final
     * normalised usage ({@link dev.lakegate.protocol.usage.Usage#NONE} when the upstream reported none)
     * and stop reason. Idempotent once it succeeded.
     */
    StreamEvent.Finish finish();
}
