package dev.lakegate.bench.peers;

import java.io.EOFException;
import java.io.IOException;

/**
 * An HTTP/1.1 response parsed as its bytes arrive (pushed, so a blocking socket and a selector can both
 * feed it): status, the headers that frame the body, then a Content-Length, chunked or until-close body
 * that is only counted and timed, never kept. Times are those of the read that brought the bytes in: the
 * first body byte's, the end's, and each SSE event's (an event ends at a blank line; CR is ignored).
 */
final class ResponseParser {
    private enum State { STATUS, HEADERS, LENGTH_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, CLOSE_BODY, DONE }

    private final long[] eventNanos;
    private final StringBuilder line = new StringBuilder();
    private State state = State.STATUS;
    private int status;
    private long length = -1;
    private boolean chunked;
    private boolean keepAlive;
    private long remaining;
    private long bodyBytes;
    private long firstNanos;
    private long lastNanos;
    private int events;
    private byte previous = '\n'; // a blank line right at the start of a body is no event

    /** @param eventNanos receives the arrival time of each SSE event, as many as fit; may be null */
    ResponseParser(long[] eventNanos) {
        this.eventNanos = eventNanos;
    }

    boolean done() {
        return state == State.DONE;
    }

    HttpConnection.Response response() {
        return new HttpConnection.Response(status, bodyBytes, firstNanos, lastNanos, events, keepAlive);
    }

    /** Feeds bytes that arrived at {@code nanos}; returns how many were used (fewer once the response is complete). */
    int feed(byte[] b, int off, int len, long nanos) throws IOException {
        int i = off;
        int end = off + len;
        lastNanos = nanos;
        while (i < end && state != State.DONE) {
            switch (state) {
                case LENGTH_BODY, CHUNK_DATA, CLOSE_BODY -> {
                    int take = (int) Math.min(end - i, remaining);
                    body(b, i, take, nanos);
                    i += take;
                    remaining -= take;
                    if (remaining == 0) {
                        state = state == State.CHUNK_DATA ? State.CHUNK_END : State.DONE;
                    }
                }
                default -> {
                    byte c = b[i++];
                    if (c != '\n') {
                        line.append((char) (c & 0xff));
                        continue;
                    }
                    int n = line.length();
                    String l = n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
                    line.setLength(0);
                    onLine(l);
                }
            }
        }
        return i - off;
    }

    /** The connection closed: the end of a body framed by the close, an error anywhere else. */
    void closed(long nanos) throws IOException {
        if (state == State.CLOSE_BODY) {
            state = State.DONE;
            keepAlive = false;
            return;
        }
        if (state != State.DONE) {
            throw new EOFException(state == State.LENGTH_BODY || state == State.CHUNK_DATA
                    ? "connection closed inside a response body" : "connection closed before the end of a line");
        }
    }

    private void onLine(String l) throws IOException {
        switch (state) {
            case STATUS -> {
                if (!l.startsWith("HTTP/1.") || l.length() < 12) {
                    throw new IOException("not an HTTP/1.x response: " + l);
                }
                status = Integer.parseInt(l.substring(9, 12));
                keepAlive = l.startsWith("HTTP/1.1");
                state = State.HEADERS;
            }
            case HEADERS -> {
                if (l.isEmpty()) {
                    startBody();
                } else {
                    header(l);
                }
            }
            case CHUNK_SIZE -> {
                int semicolon = l.indexOf(';');
                try {
                    remaining = Long.parseLong((semicolon < 0 ? l : l.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size line: " + l);
                }
                state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
            }
            case CHUNK_END -> {
                if (!l.isEmpty()) {
                    throw new IOException("chunk not followed by CRLF");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (l.isEmpty()) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void header(String l) {
        int colon = l.indexOf(':');
        if (colon < 0) {
            return;
        }
        String name = l.substring(0, colon).trim();
        String value = l.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("content-length")) {
            length = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("transfer-encoding")) {
            chunked = value.toLowerCase().contains("chunked");
        } else if (name.equalsIgnoreCase("connection")) {
            keepAlive = !value.equalsIgnoreCase("close") && (keepAlive || value.equalsIgnoreCase("keep-alive"));
        }
    }

    private void startBody() {
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (length >= 0) {
            remaining = length;
            state = length == 0 ? State.DONE : State.LENGTH_BODY;
        } else {
            remaining = Long.MAX_VALUE;
            keepAlive = false;
            state = State.CLOSE_BODY;
        }
    }

    private void body(byte[] b, int off, int len, long nanos) {
        if (bodyBytes == 0 && len > 0) {
            firstNanos = nanos;
        }
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == '\r') {
                continue;
            }
            if (c == '\n' && previous == '\n') {
                if (eventNanos != null && events < eventNanos.length) {
                    eventNanos[events] = nanos;
                }
                events++;
                c = 0; // a third newline starts no new event
            }
            previous = c;
        }
        bodyBytes += len;
    }
}
