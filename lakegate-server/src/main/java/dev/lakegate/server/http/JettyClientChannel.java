package dev.lakegate.server.http;

import dev.lakegate.server.observe.RequestClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;

/**
 * {@link ClientChannel} over a Jetty response: each write is a blocking, flushed write. The head carries the
 * gateway's own time until then ({@link RequestClock#OVERHEAD_HEADER}).
 */
final class JettyClientChannel implements ClientChannel {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final Response response;
    private final RequestClock clock;
    private boolean started;
    private int status;
    private long firstByteNanos;
    private BodyCopy copy;

    JettyClientChannel(Response response, RequestClock clock) {
        this.response = response;
        this.clock = clock;
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
        response.getHeaders().put(RequestClock.OVERHEAD_HEADER, clock.overheadHeader());
        // Commit the headers now: a streaming agent sees the answer begin even before the first event.
        Content.Sink.write(response, false, EMPTY);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (firstByteNanos == 0 && length > 0) {
            firstByteNanos = System.nanoTime();
        }
        Content.Sink.write(response, false, ByteBuffer.wrap(bytes, offset, length));
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
