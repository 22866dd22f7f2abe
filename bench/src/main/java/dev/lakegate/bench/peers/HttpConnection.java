package dev.lakegate.bench.peers;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.LongSupplier;

/**
 * One keep-alive HTTP/1.1 client connection over a plain blocking socket, as cheap as a load generator's
 * should be: the request is pre-encoded bytes; the response goes through a {@link ResponseParser} as it
 * is read, timed by the read that brought each byte in, never kept.
 */
public final class HttpConnection implements Closeable {
    /** What one response took; times in {@link System#nanoTime()} units, {@code events} SSE events seen. */
    public record Response(int status, long bodyBytes, long firstByteNanos, long endNanos, int events, boolean keepAlive) {}

    private final Closeable resource;
    private final InputStream in;
    private final OutputStream out;
    private final LongSupplier clock;
    private final byte[] buf = new byte[32 * 1024];
    private int pos;
    private int lim;
    private long fillNanos;

    HttpConnection(InputStream in, OutputStream out, Closeable resource, LongSupplier clock) {
        this.in = in;
        this.out = out;
        this.resource = resource;
        this.clock = clock;
    }

    /** Connects with Nagle off; a read waits at most {@code readTimeoutMs}. */
    public static HttpConnection open(String host, int port, int readTimeoutMs) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(readTimeoutMs);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        return new HttpConnection(socket.getInputStream(), socket.getOutputStream(), socket, System::nanoTime);
    }

    public void send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
    }

    /**
     * Reads one response. {@code eventNanos}, when not null, receives the arrival time of each SSE
     * event, as many as fit.
     */
    public Response read(long[] eventNanos) throws IOException {
        ResponseParser parser = new ResponseParser(eventNanos);
        while (!parser.done()) {
            if (pos == lim && !fill()) {
                parser.closed(fillNanos);
                break;
            }
            pos += parser.feed(buf, pos, lim - pos, fillNanos);
        }
        return parser.response();
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        fillNanos = clock.getAsLong();
        if (n <= 0) {
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
