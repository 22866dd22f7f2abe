package dev.lakegate.server.store;

import java.time.Instant;

/**
 * A budget's counter for one window, in micro-dollars.
 *
 * @param seededMicros what the usage table held for the budget's scope when the window was opened (part of {@code spentMicros})
 * @param spentMicros the recorded cost of settled requests, seed included
 * @param reservedMicros estimates held by requests admitted and not yet settled
 */
public record WindowCounter(long budgetId, Instant windowStart, long seededMicros, long spentMicros, long reservedMicros) {

    public static WindowCounter empty(long budgetId, Instant windowStart) {
        return new WindowCounter(budgetId, windowStart, 0, 0, 0);
    }
}
