package dev.lakegate.server.observe;

import java.util.Locale;

/**
 * Times one agent request and, within it, the waits on the upstream (connecting, sending, waiting for the
 * answer's head, each read of its body), so that what the gateway itself adds — the rest — can be told
 * apart from the model's time: the {@code x-lakegate-overhead-ms} header and the overhead histogram.
 * Used by the request's own thread only.
 */
public final class RequestClock {
    /** The response header carrying the gateway's own time so far, in milliseconds. */
    public static final String OVERHEAD_HEADER = "x-lakegate-overhead-ms";

    private final long startNanos;
    private long upstreamNanos;

    public RequestClock(long startNanos) {
        this.startNanos = startNanos;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Adds time spent waiting for the upstream. */
    public void upstream(long nanos) {
        upstreamNanos += nanos;
    }

    /** Time since the request arrived that was not spent waiting for the upstream. */
    public long overheadNanos() {
        return Math.max(0, System.nanoTime() - startNanos - upstreamNanos);
    }

    /** The header's value: milliseconds with microsecond precision, e.g. {@code 0.142}. */
    public String overheadHeader() {
        return String.format(Locale.ROOT, "%.3f", overheadNanos() / 1e6);
    }
}
