package dev.lakegate.server.governance.budgets;

import java.time.Instant;

/**
 * One period of a budget: from {@code start} (included) to {@code end} (excluded), when it resets.
 */
public record Window(Instant start, Instant end) {

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
