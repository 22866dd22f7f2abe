package dev.lakegate.server.governance.budgets;

import java.util.List;

/**
 * What admitting one request held: an estimate on each budget that applies to it, to be settled when the
 * request ends ({@link Budgets#settle}), whatever way it ends.
 *
 * @param budgetIds the budgets holding an estimate for the request; empty when none applies
 */
public record Admission(String requestId, List<Long> budgetIds) {

    public Admission {
        budgetIds = List.copyOf(budgetIds);
    }

    static Admission none(String requestId) {
        return new Admission(requestId, List.of());
    }
}
