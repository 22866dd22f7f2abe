package dev.lakegate.server.provider.scripted;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Blocking writes of one response on its virtual thread, with the two ways an answer can end
 * early: the client goes away ({@link ClientGone}) or a script cuts the connection ({@link #sever}).
 */
final class HttpOut {
    /** The client closed the connection or a write to it failed. */
    static final class ClientGone extends Exception {
        ClientGone(Throwable cause) {
            super("client went away", cause);
        }
    }

    /** Sleeps are cut into slices this long, so a close is noticed promptly even during long pauses. */
    private static final long SLICE_MS = 20;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ByteBuffer probe = BufferUtil.allocate(64);
    private volatile Throwable failure;

    HttpOut(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        request.addFailureListener(t -> failure = t);
    }

    /** Sleeps on this virtual thread, looking for a client hang-up between slices. */
    void pause(long ms) throws ClientGone {
        long deadline = System.nanoTime() + ms * 1_000_000;
        try {
            for (long left = ms; left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                checkOpen();
                if (peerClosed()) {
                    throw new ClientGone(new EofException("the client closed the connection"));
                }
                Thread.sleep(Math.min(left, SLICE_MS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientGone(e);
        }
        checkOpen();
    }

    void head(int status, String contentType, Map<String, String> headers) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
    }

    /** Writes and flushes; {@code last} ends the response. */
    void write(byte[] bytes, boolean last) throws ClientGone {
        checkOpen();
        try {
            Content.Sink.write(response, last, ByteBuffer.wrap(bytes));
        } catch (IOException | RuntimeException e) {
            throw new ClientGone(e);
        }
    }

    void succeed() {
        callback.succeeded();
    }

    void fail(Throwable cause) {
        callback.failed(cause);
    }

    /** Cuts the connection mid-response, without the chunked terminator: the client sees a truncated body. */
    void sever() {
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        callback.failed(new IOException("scripted failure: connection cut after the scripted number of events"));
    }

    /**
     * Jetty reads nothing from an HTTP/1.1 connection while its response is being written, so a
     * hang-up during a pause would go unseen until the next write. A non-blocking read shows it:
     * -1 is the client's close. HTTP clients send nothing while awaiting a response (no pipelining),
     * so anything else read here is dropped.
     */
    private boolean peerClosed() {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        try {
            BufferUtil.clear(probe);
            return endPoint.fill(probe) < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private void checkOpen() throws ClientGone {
        Throwable t = failure;
        if (t != null || !request.getConnectionMetaData().getConnection().getEndPoint().isOpen()) {
            throw new ClientGone(t);
        }
    }
}
