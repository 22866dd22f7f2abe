package dev.lakegate.protocol.sse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * Lets a relayed event stream through one whole event at a time, and only events whose data is JSON. What the
 * client has received then always ends at an event boundary: when the upstream breaks off or ends inside an event,
 * the in-stream error that follows is an event the client can read, not text glued to half an event; and a
 * client's SDK never has to parse an event the upstream garbled. Vendors flush whole events, so holding back
 * the unfinished tail of a read costs no latency in practice.
 *
 * <p>Line endings are those of {@link SseParser} (LF, CR, CRLF, split anywhere). An event longer than {@code
 * maxHeldBytes} is let through unchecked as it comes, so memory stays bounded. Not thread-safe: one per stream.
 */
public final class SseEventGate {
    /** Where whole events go. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes, int offset, int length) throws IOException;
    }

    private static final JsonFactory JSON = JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();
    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};
    private static final byte[] EMPTY = {};

    private final int maxHeldBytes;
    /** The unfinished event at the end of the last read (already scanned for line ends), {@code length} bytes. */
    private byte[] held = EMPTY;
    private int length;
    private boolean lineEmpty = true;
    private boolean eventOpen;
    private boolean afterCarriageReturn;
    /** An event over the limit was let through before its end: it is not checked, and its rest passes as it comes. */
    private boolean passing;
    private boolean malformed;
    /** Nothing written yet: a byte-order mark may lead the first line, as {@link SseParser} allows. */
    private boolean atStreamStart = true;

    public SseEventGate(int maxHeldBytes) {
        this.maxHeldBytes = maxHeldBytes;
    }

    /**
     * Takes the next bytes of the stream and writes the events they complete to {@code sink}. Once an event's data
     * is not JSON nothing more is written: {@link #malformed()} is then true and the stream should end with an error.
     * A read that ends at an event boundary with nothing held (the usual case: vendors flush whole events) is checked
     * and written straight from {@code bytes}; only the unfinished tail of a read is copied.
     */
    public void feed(byte[] bytes, int offset, int count, Sink sink) throws IOException {
        if (malformed) {
            return;
        }
        byte[] buf;
        int start;
        int end;
        int boundary;
        if (length == 0) {
            buf = bytes;
            start = offset;
            end = offset + count;
            boundary = scan(bytes, offset, end);
        } else {
            if (length + count > held.length) {
                held = Arrays.copyOf(held, Math.max(length + count, held.length * 2));
            }
            System.arraycopy(bytes, offset, held, length, count);
            buf = held;
            start = 0;
            end = length + count;
            boundary = scan(held, length, end);
        }
        int rest = start;
        if (boundary >= 0) {
            int good = boundary;
            if (passing) {
                passing = false; // the rest of the long event is in front of the boundary, unchecked
            } else {
                int from = atStreamStart && startsWithByteOrderMark(buf, start, end) ? start + 3 : start;
                good = jsonEventsEnd(buf, from, boundary);
                malformed = good < boundary;
                if (good == from) {
                    good = start; // not even the first event: nothing is written, a byte-order mark included
                }
            }
            atStreamStart = false;
            if (good > start) {
                sink.write(buf, start, good - start);
            }
            if (malformed) {
                length = 0;
                return;
            }
            rest = boundary;
        }
        length = end - rest;
        if (length > maxHeldBytes) {
            passing = true;
            atStreamStart = false;
            sink.write(buf, rest, length);
            length = 0;
        } else if (length > 0 && (buf != held || rest > 0)) {
            if (held.length < length) {
                held = new byte[Math.max(length, Math.min(2 * length, maxHeldBytes))];
            }
            System.arraycopy(buf, rest, held, 0, length);
        }
    }

    /**
     * Follows the line structure over {@code buf[from, to)} and returns the index just past the last blank line that
     * closed an event (or any blank line between events), or -1 when there is none.
     */
    private int scan(byte[] buf, int from, int to) {
        int boundary = -1;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
                if (!eventOpen && lineEmpty) {
                    boundary = i + 1; // keep a CRLF whole
                }
                continue;
            }
            afterCarriageReturn = b == '\r';
            if (b == '\n' || b == '\r') {
                if (lineEmpty) {
                    eventOpen = false;
                    boundary = i + 1;
                }
                lineEmpty = true;
            } else {
                lineEmpty = false;
                eventOpen = true;
            }
        }
        return boundary;
    }

    /** True when the client received part of an event whose end has not come (or an unfinished event is held back). */
    public boolean midEvent() {
        return !malformed && (passing || eventOpen);
    }

    /** True once an event's data was not JSON: the events before it were written, nothing after. */
    public boolean malformed() {
        return malformed;
    }

    private static boolean startsWithByteOrderMark(byte[] buf, int start, int end) {
        return end - start >= 3 && buf[start] == (byte) 0xEF && buf[start + 1] == (byte) 0xBB && buf[start + 2] == (byte) 0xBF;
    }

    /**
     * How far the events in {@code held[from, to)} (whole events) carry JSON data ({@code [DONE]} counts as JSON):
     * {@code to} when all do, else the end of the last event before the first that does not ({@code from} if none).
     */
    private static int jsonEventsEnd(byte[] held, int from, int to) {
        int good = from;
        byte[] data = null; // only events with several data lines are copied together
        int dataStart = -1;
        int dataEnd = -1;
        int dataLength = 0;
        int i = from;
        while (i < to) {
            int lineEnd = i;
            while (lineEnd < to && held[lineEnd] != '\n' && held[lineEnd] != '\r') {
                lineEnd++;
            }
            int next = lineEnd < to && held[lineEnd] == '\r' && lineEnd + 1 < to && held[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
            if (lineEnd == i) { // a blank line: the event ends
                if (dataStart >= 0 && !isJson(data != null ? data : held, data != null ? 0 : dataStart, data != null ? dataLength : dataEnd - dataStart)) {
                    return good;
                }
                good = next;
                data = null;
                dataStart = -1;
                dataLength = 0;
            } else if (lineEnd - i >= 4 && held[i] == 'd' && held[i + 1] == 'a' && held[i + 2] == 't' && held[i + 3] == 'a'
                    && (lineEnd - i == 4 || held[i + 4] == ':')) {
                int value = lineEnd - i == 4 ? lineEnd : i + 5 < lineEnd && held[i + 5] == ' ' ? i + 6 : i + 5;
                if (dataStart < 0) {
                    dataStart = value;
                    dataEnd = lineEnd;
                } else {
                    if (data == null) {
                        data = Arrays.copyOfRange(held, dataStart, dataEnd);
                        dataLength = data.length;
                    }
                    int needed = dataLength + 1 + lineEnd - value;
                    data = Arrays.copyOf(data, Math.max(needed, data.length));
                    data[dataLength] = '\n';
                    System.arraycopy(held, value, data, dataLength + 1, lineEnd - value);
                    dataLength = needed;
                }
            }
            i = next;
        }
        return to;
    }

    /** One JSON value and nothing else, or {@code [DONE]}; empty data is no event at all. */
    private static boolean isJson(byte[] bytes, int offset, int count) {
        if (count == 0 || count == DONE.length && Arrays.equals(bytes, offset, offset + count, DONE, 0, DONE.length)) {
            return true;
        }
        for (int i = offset; i < offset + count; i++) {
            if (bytes[i] == 0) {
                return false; // never JSON, and Jackson's byte parser takes NULs after a top-level number for the end
            }
        }
        try (JsonParser p = JSON.createParser(bytes, offset, count)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
