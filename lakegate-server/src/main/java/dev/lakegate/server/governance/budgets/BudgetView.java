package dev.lakegate.server.governance.budgets;

import dev.lakegate.server.store.WindowCounter;

/** A budget with its current window's counter, as the admin API and the CLI show it. */
public record BudgetView(Budget budget, Window window, WindowCounter counter) {

    /** What the window still has room for; 0 when spent (the last request may overshoot by the difference from its estimate). */
    public long remainingMicros() {
        return Math.max(0, budget.limitMicros() - counter.spentMicros() - counter.reservedMicros());
    }
}
