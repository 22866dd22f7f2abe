package dev.lakegate.server.governance.budgets;

import dev.lakegate.server.store.BudgetStore;
import java.util.Comparator;
import java.util.List;

/**
 * The budgets the pipeline enforces, read from the store by {@link Budgets} every second and right after a
 * change made through this gateway, so a change made through any gateway applies everywhere within about a
 * second, and admitting a request that no budget applies to touches no database. If the store cannot be
 * read, the last list stays in force.
 */
final class BudgetDefinitions {
    private final BudgetStore store;
    private volatile List<Budget> all = List.of();

    BudgetDefinitions(BudgetStore store) {
        this.store = store;
    }

    void refresh() {
        all = store.list().stream().sorted(Comparator.comparingLong(Budget::id)).toList();
    }

    List<Budget> all() {
        return all;
    }

    /** The budgets that must all have room for the spender's request, in id order (the same order on every gateway). */
    List<Budget> applicableTo(Spender spender) {
        return all.stream().filter(b -> b.appliesTo(spender)).toList();
    }
}
