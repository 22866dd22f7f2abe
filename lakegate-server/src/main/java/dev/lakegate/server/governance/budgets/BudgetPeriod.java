package dev.lakegate.server.governance.budgets;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** How often a budget starts over: UTC calendar days or months; a window ends where the next begins. */
public enum BudgetPeriod {
    DAY("day"),
    MONTH("month");

    /** How messages name it, e.g. "$5.00 per day". */
    public final String label;

    BudgetPeriod(String label) {
        this.label = label;
    }

    /** The window {@code at} falls in. */
    public Window windowAt(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate start = switch (this) {
            case DAY -> day;
            case MONTH -> day.withDayOfMonth(1);
        };
        LocalDate end = switch (this) {
            case DAY -> start.plusDays(1);
            case MONTH -> start.plusMonths(1);
        };
        return new Window(start.atStartOfDay().toInstant(ZoneOffset.UTC), end.atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
