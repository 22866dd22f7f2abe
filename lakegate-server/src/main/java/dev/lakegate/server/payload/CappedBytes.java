package dev.lakegate.server.payload;

import dev.lakegate.server.http.ClientChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A copy of a payload, kept up to a limit. Past it nothing more is copied and what was kept is let go:
 * a payload over the limit is not stored at all (SPEC §4), so a huge answer costs the gateway no memory.
 * Written by the request's thread, read by the recorder's after the record was handed over.
 */
final class CappedBytes implements ClientChannel.BodyCopy {
    private final int limit;
    private byte[] bytes = new byte[0];
    private int size;
    private boolean exceeded;

    private CappedBytes(int limit) {
        this.limit = limit;
    }

    /** An empty copy that takes what is appended. */
    static CappedBytes empty(int limit) {
        return new CappedBytes(limit);
    }

    /** {@code body}, without copying it (it is never modified), or the mark that it exceeded {@code limit}. */
    static CappedBytes of(byte[] body, int limit) {
        CappedBytes b = new CappedBytes(limit);
        if (body.length > limit) {
            b.exceeded = true;
        } else {
            b.bytes = body; // full to its length: an append would copy it into a new array first
            b.size = body.length;
        }
        return b;
    }

    @Override
    public void append(byte[] source, int offset, int length) {
        if (exceeded) {
            return;
        }
        if (length > limit - size) {
            exceeded = true;
            bytes = null;
            size = 0;
            return;
        }
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(size + length, Math.max(8 * 1024, 2L * bytes.length))));
        }
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    boolean exceeded() {
        return exceeded;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    /** The bytes kept as UTF-8 text (malformed sequences replaced); null when the limit was exceeded. */
    String text() {
        return exceeded ? null : new String(bytes, 0, size, StandardCharsets.UTF_8);
    }
}
