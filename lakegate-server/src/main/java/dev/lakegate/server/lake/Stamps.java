package dev.lakegate.server.lake;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as the store keeps them: epoch milliseconds, so what a write returns equals what a read gives back. */
final class Stamps {
    private Stamps() {}

    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
