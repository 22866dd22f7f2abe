package dev.lakegate.server.governance.limits;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/** A clock for buckets that moves only when told to; it starts at the real time, as Redis-held buckets need a wall clock. */
final class FakeTime implements TimeMeter {
    private volatile long nanos = System.currentTimeMillis() * 1_000_000L;

    void advance(Duration d) {
        nanos += d.toNanos();
    }

    @Override
    public long currentTimeNanos() {
        return nanos;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
