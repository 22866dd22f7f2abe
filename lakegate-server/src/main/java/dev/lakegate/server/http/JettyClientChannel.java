package dev.lakegate.server.http;

import dev.lakegate.server.observe.RequestClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;

/**
 * {@link ClientChannel} over a Jetty response. A streamed answer's head is sent at once and each write is a
 * blocking, flushed write. A unary answer is held until {@link #finish()} (up to {@link #HOLD_LIMIT} bytes)
 * and then sent with its length in one write: head, body and end in one system call instead of three, and no
 * chunked framing. The head carries the gateway's own time until it is sent ({@link RequestClock#OVERHEAD_HEADER}).
 */
final class JettyClientChannel implements ClientChannel {
    /** Beyond this a unary answer is sent as it comes, like a stream. */
    static final int HOLD_LIMIT = 1 << 20;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Response response;
    private final RequestClock clock;
    private boolean hold;
    private byte[] held;
    private int heldLength;
    private boolean started;
    private int status;
    private long firstByteNanos;
    private BodyCopy copy;

    JettyClientChannel(Response response, RequestClock clock) {
        this.response = response;
        this.clock = clock;
    }

    /** The agent asked for a unary answer: hold it until {@link #finish()}. Called before {@link #start}. */
    void holdUntilFinished() {
        hold = true;
    }

    @Override
    public void start(int status, Map<String, String> headers) throws IOException {
        if (started) {
            throw new IllegalStateException("response already started");
        }
        started = true;
        this.status = status;
        response.setStatus(status);
        headers.forEach(response.getHeaders()::put);
        if (!hold) {
            // Commit the head now: a streaming agent sees the answer begin even before the first event.
            commit();
            Content.Sink.write(response, false, EMPTY);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (hold && heldLength + length <= HOLD_LIMIT) {
            if (held == null) {
                held = Arrays.copyOfRange(bytes, offset, offset + length); // most unary answers come in one piece
                heldLength = length;
                return;
            }
            if (heldLength + length > held.length) {
                held = Arrays.copyOf(held, Math.min(HOLD_LIMIT, Math.max(heldLength + length, heldLength * 2)));
            }
            System.arraycopy(bytes, offset, held, heldLength, length);
            heldLength += length;
            return;
        }
        if (hold) {
            hold = false; // too large to hold: what is held goes out first, the rest as it comes
            commit();
            send(held, 0, heldLength, false);
            held = null;
        }
        send(bytes, offset, length, false);
    }

    /** Ends the answer: a held one goes out now, in one write with its length. */
    void finish() throws IOException {
        if (hold && started) {
            hold = false;
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, heldLength);
            commit();
            send(held == null ? new byte[0] : held, 0, heldLength, true);
            held = null;
        }
    }

    /**
     * Drops a unary answer still held, so that an error can be sent whole in its place (a failure in the middle of the
     * upstream's body then reaches the agent as a proper error answer); false when the head already went out.
     */
    boolean discardHeld() {
        if (!hold || !started) {
            return false;
        }
        String requestId = response.getHeaders().get(RequestIds.HEADER);
        response.reset();
        response.getHeaders().put(RequestIds.HEADER, requestId);
        started = false;
        held = null;
        heldLength = 0;
        return true;
    }

    private void commit() {
        response.getHeaders().put(RequestClock.OVERHEAD_HEADER, clock.overheadHeader());
    }

    private void send(byte[] bytes, int offset, int length, boolean last) throws IOException {
        if (firstByteNanos == 0 && length > 0) {
            firstByteNanos = System.nanoTime();
        }
        Content.Sink.write(response, last, ByteBuffer.wrap(bytes, offset, length));
        if (copy != null) {
            copy.append(bytes, offset, length); // after the write: only what reached the agent
        }
    }

    @Override
    public boolean started() {
        return started;
    }

    @Override
    public void copyTo(BodyCopy copy) {
        this.copy = copy;
    }

    int status() {
        return status;
    }

    @Override
    public long firstByteNanos() {
        return firstByteNanos;
    }
}
