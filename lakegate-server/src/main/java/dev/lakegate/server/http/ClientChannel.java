package dev.lakegate.server.http;

import java.io.IOException;
import java.util.Map;

/**
 * The response to the agent, written blocking on the request's virtual thread. For a streamed answer every
 * {@link #write} reaches the network before it returns, so events are never held back; a unary answer may
 * be held and sent whole at the end.
 */
public interface ClientChannel {

    /** Sets status and headers (sent at once for a stream). Must be called once, before any write. */
    void start(int status, Map<String, String> headers) throws IOException;

    /** Writes (and flushes, for a stream); throws when the client has gone away. */
    void write(byte[] bytes, int offset, int length) throws IOException;

    default void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /** True once status and headers were sent: errors then travel in-stream. */
    boolean started();

    /** Nanotime of the first body byte sent, or 0 when none was. */
    long firstByteNanos();

    /** From now on, also hands every body byte written to {@code copy} (the inference table's capture). */
    void copyTo(BodyCopy copy);

    /** Receives a copy of the body bytes sent to the agent, on the request's thread: it must not block. */
    @FunctionalInterface
    interface BodyCopy {
        void append(byte[] bytes, int offset, int length);
    }
}
