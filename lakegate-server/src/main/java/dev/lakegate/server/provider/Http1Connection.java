package dev.lakegate.server.provider;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One keep-alive HTTP/1.1 connection to an upstream, used by one request at a time. Blocking I/O on the
 * caller's virtual thread: the request is one write, the answer is read straight from the socket, so a
 * request costs no hand-off between threads beyond the socket's own wake-up (the floor a proxy hop can reach).
 */
final class Http1Connection implements AutoCloseable {
    /** Largest status line plus headers accepted from an upstream. */
    static final int MAX_HEAD_BYTES = 256 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Holds an answer's head and a chunked body's framing; bulk body reads bypass it. Kept small: each open stream holds one. */
    private final byte[] buffer = new byte[8 * 1024];
    private int pos;
    private int limit;
    private long idleSinceNanos;
    private boolean used;
    /** When the answer's head, or the body's next bytes, are due; read by the client's watchdog thread. */
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean expired;
    /** Longest wait for the body's next bytes; 0 outside a body. */
    private long bodyIdleNanos;

    /** Told once when an answer's body is over: {@code reusable} when it ended cleanly and the connection can carry another request. */
    @FunctionalInterface
    interface BodyEnd {
        void ended(Http1Connection connection, boolean reusable);
    }

    Http1Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** True when the connection has carried a request before: the upstream may have closed it while it was idle. */
    boolean reused() {
        return used;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    void markIdle(long nanos) {
        idleSinceNanos = nanos;
    }

    /** The head of an answer: status, headers, and whether the upstream keeps the connection open after it. */
    record Head(int status, HttpHeaders headers, boolean keepAlive) {}

    /** Sent nothing back before failing: the request may be retried on a fresh connection. */
    static final class NothingReceived extends IOException {
        NothingReceived(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Writes the request in one go. */
    void write(byte[] request) throws IOException {
        used = true;
        out.write(request);
        out.flush();
    }

    /** The answer's head is due by then ({@link #expireIfLate}); {@code Long.MAX_VALUE}: not waiting for it. */
    void headDueBy(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Called by the watchdog: closes the connection when its head, or its body's next bytes, are overdue, which ends
     * the blocked read. A
     * watchdog instead of a socket read timeout because a timed read costs every request a timer and its
     * cancellation (two thread wake-ups), while a late upstream is rare.
     */
    void expireIfLate(long nowNanos) {
        long deadline = deadlineNanos;
        if (deadline != Long.MAX_VALUE && nowNanos - deadline > 0) {
            expired = true;
            close();
        }
    }

    /** Reads the status line and headers, skipping interim 1xx answers, until the watchdog says the head is late. */
    Head readHead(Duration timeoutForMessage) throws IOException {
        boolean anything = false;
        try {
            while (true) {
                String statusLine = readLine(anything);
                anything = true;
                int status = parseStatus(statusLine);
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                int headBytes = statusLine.length();
                for (String line = readLine(true); !line.isEmpty(); line = readLine(true)) {
                    headBytes += line.length() + 2;
                    if (headBytes > MAX_HEAD_BYTES) {
                        throw new IOException("response headers larger than " + MAX_HEAD_BYTES + " bytes");
                    }
                    int colon = line.indexOf(':');
                    if (colon <= 0) {
                        throw new IOException("malformed response header line");
                    }
                    headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>(1)).add(line.substring(colon + 1).trim());
                }
                if (status >= 100 && status < 200) {
                    continue; // 100 Continue, 103 Early Hints: the answer follows
                }
                String connection = first(headers, "connection");
                boolean keepAlive = connection == null || !connection.toLowerCase(Locale.ROOT).contains("close");
                return new Head(status, HttpHeaders.of(headers, (a, b) -> true), keepAlive);
            }
        } catch (IOException e) {
            if (expired) {
                throw new HttpTimeoutException("no response within " + timeoutForMessage.toMillis() + " ms");
            }
            throw anything ? e : new NothingReceived(e);
        }
    }

    /**
     * The body as the head frames it. A read that waits longer than {@code idleTimeout} for the upstream fails (the
     * watchdog closes the connection); {@code end} is told when the body is over, however it ends.
     */
    InputStream body(String method, Head head, Duration idleTimeout, BodyEnd end) throws IOException {
        if (method.equals("HEAD") || head.status() == 204 || head.status() == 304) {
            end.ended(this, head.keepAlive());
            return InputStream.nullInputStream();
        }
        bodyIdleNanos = idleTimeout.toNanos();
        String transferEncoding = first(head.headers().map(), "transfer-encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new Chunked(head.keepAlive(), end);
        }
        String length = first(head.headers().map(), "content-length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new IOException("malformed Content-Length: " + length);
            }
            if (n < 0) {
                throw new IOException("malformed Content-Length: " + length);
            }
            return new Fixed(n, head.keepAlive(), end);
        }
        return new UntilClose(end);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket: nothing to do
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static int parseStatus(String line) throws IOException {
        // HTTP/1.1 200 OK
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new IOException("malformed status line");
        }
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("malformed status line");
        }
    }

    private boolean fill() throws IOException {
        int n = socketRead(buffer, 0, buffer.length);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** One CRLF- (or LF-) terminated line of the head, as ISO-8859-1. */
    private String readLine(boolean started) throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == limit && !fill()) {
                throw new EOFException(started ? "connection closed in the middle of the response headers" : "connection closed before a response");
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            int end = pos;
            boolean done = pos < limit;
            if (done) {
                pos++; // the LF
            }
            String part = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
            line = line == null ? new StringBuilder(part) : line.append(part);
            if (line.length() > MAX_HEAD_BYTES) {
                throw new IOException("response header line too long");
            }
            if (done) {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
        }
    }

    /** Reads up to {@code max} body bytes, first from what the head's reads buffered. */
    private int readRaw(byte[] b, int off, int max) throws IOException {
        if (pos < limit) {
            int n = Math.min(max, limit - pos);
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
            return n;
        }
        return socketRead(b, off, max);
    }

    /** In a body, each read that blocks has its own deadline: the upstream's silence, not the answer's length, is bounded. */
    private int socketRead(byte[] b, int off, int len) throws IOException {
        if (bodyIdleNanos == 0) {
            return in.read(b, off, len);
        }
        deadlineNanos = System.nanoTime() + bodyIdleNanos;
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw expired ? new HttpTimeoutException("no data for " + bodyIdleNanos / 1_000_000 + " ms") : e;
        } finally {
            deadlineNanos = Long.MAX_VALUE;
        }
    }

    private int readByte() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer[pos++] & 0xff;
    }

    /** Base of the body streams: closing before the end cancels the call by closing the socket. */
    private abstract class Body extends InputStream {
        private final boolean reusable;
        private final BodyEnd end;
        boolean ended;
        boolean closed;

        Body(boolean reusable, BodyEnd end) {
            this.reusable = reusable;
            this.end = end;
        }

        /** The body ended where its framing says: the connection can carry the next request unless the upstream said otherwise. */
        void end() {
            if (!ended) {
                ended = true;
                bodyIdleNanos = 0;
                if (!reusable) {
                    Http1Connection.this.close();
                }
                end.ended(Http1Connection.this, reusable);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (!ended) {
                    ended = true;
                    Http1Connection.this.close();
                    end.ended(Http1Connection.this, false);
                }
            }
        }

        void checkOpen() throws IOException {
            if (closed) {
                throw new IOException("response body closed");
            }
        }
    }

    private final class Fixed extends Body {
        private long remaining;

        Fixed(long length, boolean reusable, BodyEnd end) {
            super(reusable, end);
            this.remaining = length;
            if (length == 0) {
                end();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkOpen();
            if (remaining == 0) {
                return -1;
            }
            int n = readRaw(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("connection closed with " + remaining + " bytes of the response body missing");
            }
            remaining -= n;
            if (remaining == 0) {
                end();
            }
            return n;
        }
    }

    private final class UntilClose extends Body {
        UntilClose(BodyEnd end) {
            super(false, end);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkOpen();
            if (ended) {
                return -1;
            }
            int n = readRaw(b, off, len);
            if (n < 0) {
                end();
            }
            return n;
        }
    }

    /**
     * Transfer-Encoding: chunked (RFC 9112 §7.1); extensions and trailers are read and dropped. The line break
     * that ends a chunk's data is read with the next chunk's size, never right after the data: some servers
     * (Jetty) send it only with the next chunk, and waiting for it would hold back a streamed event.
     */
    private final class Chunked extends Body {
        private long chunkLeft;
        private boolean afterChunk;
        private boolean last;

        Chunked(boolean reusable, BodyEnd end) {
            super(reusable, end);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkOpen();
            if (last) {
                return -1;
            }
            if (chunkLeft == 0) {
                if (afterChunk && !chunkLine().isEmpty()) {
                    throw new IOException("malformed chunk: no line break after its data");
                }
                chunkLeft = nextChunkSize();
                afterChunk = true;
                if (chunkLeft == 0) {
                    while (!chunkLine().isEmpty()) {
                        // trailer fields: none are used
                    }
                    last = true;
                    end();
                    return -1;
                }
            }
            int n = readRaw(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("connection closed in the middle of a chunk");
            }
            chunkLeft -= n;
            return n;
        }

        private long nextChunkSize() throws IOException {
            String line = chunkLine();
            int semi = line.indexOf(';');
            String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
            if (hex.isEmpty() || hex.length() > 15) {
                throw new IOException("malformed chunk size");
            }
            try {
                return Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size");
            }
        }

        private String chunkLine() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int c = readByte();
                if (c < 0) {
                    throw new EOFException("connection closed in the middle of a chunked body");
                }
                if (c == '\n') {
                    int len = line.length();
                    return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
                }
                if (line.length() > 4096) {
                    throw new IOException("malformed chunk header");
                }
                line.append((char) c);
            }
        }
    }
}
