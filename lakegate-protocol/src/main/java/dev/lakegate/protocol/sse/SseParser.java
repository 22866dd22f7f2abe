package dev.lakegate.protocol.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Push-style, incremental reader of {@code text/event-stream} bodies, following the WHATWG event-stream
 * grammar: bytes arrive in chunks of any size via {@link #feed}, and the listener is called once per
 * complete event, in order.
 *
 * <p>Handles LF, CR and CRLF line endings (a CRLF split across two chunks too), {@code event:} and
 * multi-line {@code data:} fields with or without the space after the colon, {@code :} comments, a
 * leading UTF-8 byte-order mark, and events or multi-byte characters split anywhere. Lines are kept as
 * bytes and decoded only when complete, because CR and LF never occur inside a UTF-8 sequence.
 * {@code id:}, {@code retry:} and unknown fields are ignored: no surface needs them. Events without any
 * {@code data:} line are not dispatched (as in browsers).
 *
 * <p>Memory is bounded: a line or event bigger than {@code maxEventBytes} raises
 * {@link SseTooLargeException} and the parser refuses further input, unless it was built with
 * {@link #raw(RawListener, int, boolean) dropOversized}, in which case the oversized event is skipped
 * and parsing resumes after its closing blank line. Not thread-safe: one parser per stream.
 */
public final class SseParser {
    public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

    /** Receives events without decoding their data, for readers that only look at a few of them. */
    @FunctionalInterface
    public interface RawListener {
        /**
         * @param event the {@code event:} field, or null when absent or empty
         * @param data the UTF-8 bytes of the {@code data:} lines joined with {@code '\n'}; valid only during the call
         * @param length how many bytes of {@code data} belong to this event
         */
        void onEvent(String event, byte[] data, int length);
    }

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final int INITIAL_BUFFER = 256;
    /** Buffers grown past this by one big event are released afterwards, so long streams stay small. */
    private static final int RETAINED_BUFFER = 64 * 1024;

    private final RawListener listener;
    private final int maxEventBytes;
    private final boolean dropOversized;

    private byte[] line = new byte[INITIAL_BUFFER];
    private int lineLength;
    private byte[] data = new byte[INITIAL_BUFFER];
    private int dataLength;
    private boolean hasData;
    private String eventName;
    private boolean skipLineFeed;
    private boolean atStreamStart = true;
    private boolean dropping;
    private boolean droppedLineHasBytes;
    private boolean failed;
    private boolean finished;

    public SseParser(Consumer<SseEvent> listener) {
        this(listener, DEFAULT_MAX_EVENT_BYTES);
    }

    public SseParser(Consumer<SseEvent> listener, int maxEventBytes) {
        this(decoding(Objects.requireNonNull(listener, "listener")), maxEventBytes, false);
    }

    private SseParser(RawListener listener, int maxEventBytes, boolean dropOversized) {
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        this.maxEventBytes = maxEventBytes;
        this.dropOversized = dropOversized;
    }

    /**
     * A parser handing out raw data bytes.
     *
     * @param dropOversized skip events over the limit instead of throwing (for observers such as usage taps,
     *     which must never break the stream they watch)
     */
    public static SseParser raw(RawListener listener, int maxEventBytes, boolean dropOversized) {
        return new SseParser(listener, maxEventBytes, dropOversized);
    }

    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** Consumes {@code length} bytes, calling the listener for every event they complete. */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (failed) {
            throw new IllegalStateException("SseParser already failed on an oversized event; discard it");
        }
        if (finished) {
            throw new IllegalStateException("SseParser.feed after finish()");
        }
        int end = offset + length;
        int i = offset;
        if (skipLineFeed && i < end) {
            skipLineFeed = false;
            if (bytes[i] == '\n') {
                i++;
            }
        }
        int lineStart = i;
        while (i < end) {
            byte b = bytes[i];
            if (b != '\n' && b != '\r') {
                i++;
                continue;
            }
            if (lineLength == 0 && !droppedLineHasBytes) {
                onLine(bytes, lineStart, i - lineStart);
            } else {
                appendToLine(bytes, lineStart, i - lineStart);
                int n = lineLength;
                lineLength = 0;
                onLine(line, 0, n);
                if (line.length > RETAINED_BUFFER) {
                    line = new byte[INITIAL_BUFFER];
                }
            }
            i++;
            if (b == '\r') {
                if (i == end) {
                    skipLineFeed = true;
                } else if (bytes[i] == '\n') {
                    i++;
                }
            }
            lineStart = i;
        }
        if (lineStart < end) {
            appendToLine(bytes, lineStart, end - lineStart);
        }
    }

    /** Ends the stream: a last line without a line break and a last event without a blank line are delivered. */
    public void finish() {
        if (finished || failed) {
            finished = true;
            return;
        }
        finished = true;
        if (lineLength > 0 || droppedLineHasBytes) {
            int n = lineLength;
            lineLength = 0;
            onLine(line, 0, n);
        }
        if (!dropping) {
            dispatch();
        }
    }

    private void onLine(byte[] buf, int off, int len) {
        int received = len; // the limit counts the line as received, BOM included, as appendToLine does
        if (atStreamStart) {
            atStreamStart = false;
            if (len >= 3 && buf[off] == (byte) 0xEF && buf[off + 1] == (byte) 0xBB && buf[off + 2] == (byte) 0xBF) {
                off += 3;
                len -= 3;
            }
        }
        if (dropping) {
            if (len == 0 && !droppedLineHasBytes) {
                dropping = false; // the blank line that ends the oversized event
            }
            droppedLineHasBytes = false;
            return;
        }
        if (len == 0) {
            dispatch();
            return;
        }
        if (received + dataLength > maxEventBytes) {
            oversized();
            return;
        }
        if (buf[off] == ':') {
            return; // comment, e.g. keep-alive
        }
        int end = off + len;
        int colon = indexOf(buf, off, end, (byte) ':');
        int nameEnd = colon < 0 ? end : colon;
        int valueStart = colon < 0 ? end : colon + 1;
        if (valueStart < end && buf[valueStart] == ' ') {
            valueStart++;
        }
        if (equals(buf, off, nameEnd, DATA)) {
            appendData(buf, valueStart, end - valueStart);
        } else if (equals(buf, off, nameEnd, EVENT)) {
            eventName = valueStart == end ? null : new String(buf, valueStart, end - valueStart, StandardCharsets.UTF_8);
        }
    }

    private void dispatch() {
        if (!hasData) {
            eventName = null;
            return;
        }
        String name = eventName;
        byte[] bytes = data;
        int n = dataLength;
        eventName = null;
        hasData = false;
        dataLength = 0;
        if (data.length > RETAINED_BUFFER) {
            data = new byte[INITIAL_BUFFER];
        }
        listener.onEvent(name, bytes, n);
    }

    private void appendData(byte[] buf, int off, int len) {
        int needed = dataLength + len + (hasData ? 1 : 0);
        if (needed > maxEventBytes) {
            oversized();
            return;
        }
        data = ensureCapacity(data, needed);
        if (hasData) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(buf, off, data, dataLength, len);
        dataLength += len;
        hasData = true;
    }

    private void appendToLine(byte[] buf, int off, int len) {
        if (dropping) {
            droppedLineHasBytes |= len > 0;
            return;
        }
        if (lineLength + len + dataLength > maxEventBytes) {
            lineLength = 0;
            oversized();
            droppedLineHasBytes = true; // only reached when dropping: the rest of this line goes too
            return;
        }
        line = ensureCapacity(line, lineLength + len);
        System.arraycopy(buf, off, line, lineLength, len);
        lineLength += len;
    }

    private void oversized() {
        eventName = null;
        hasData = false;
        dataLength = 0;
        data = new byte[INITIAL_BUFFER];
        line = new byte[INITIAL_BUFFER];
        if (!dropOversized) {
            failed = true;
            throw new SseTooLargeException(maxEventBytes);
        }
        dropping = true;
    }

    private static byte[] ensureCapacity(byte[] buf, int needed) {
        if (needed <= buf.length) {
            return buf;
        }
        int size = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) buf.length * 2, needed));
        return Arrays.copyOf(buf, size);
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean equals(byte[] buf, int from, int to, byte[] name) {
        return Arrays.equals(buf, from, to, name, 0, name.length);
    }

    private static RawListener decoding(Consumer<SseEvent> consumer) {
        return (event, bytes, length) -> consumer.accept(new SseEvent(event, new String(bytes, 0, length, StandardCharsets.UTF_8)));
    }
}
