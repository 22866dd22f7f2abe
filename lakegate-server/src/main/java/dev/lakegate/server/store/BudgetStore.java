package dev.lakegate.server.store;

import dev.lakegate.server.governance.budgets.Budget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Budgets and their counters. Definitions are control-plane writes, serialised like every other; the
 * counters and the ledger of holds take only row locks ({@link StoreDatabase#counters()}), so admitting and
 * settling requests never queues behind an admin's write, and every operation is correct with any number of
 * gateways on one database: each change of a counter is tied to one conditional change of one row.
 */
public interface BudgetStore {

    static BudgetStore on(StoreDatabase database) {
        return new SqlBudgetStore(database.jdbi(), database.counters());
    }

    void insert(Budget budget) throws DuplicateNameException;

    boolean updateLimit(long id, long limitMicros, Instant at);

    /** Deletes the budget with its counters and ledger rows; false when it did not exist. */
    boolean delete(long id);

    Optional<Budget> findByName(String name);

    /** All budgets, by name. */
    List<Budget> list();

    Optional<WindowCounter> counter(long budgetId, Instant windowStart);

    /**
     * Creates the window's counter with {@code seedMicros} already spent, unless it exists: the first caller's
     * seed wins, so a restart or another gateway never seeds twice. False when it existed (or the budget is gone).
     */
    boolean openWindow(long budgetId, Instant windowStart, long seedMicros, Instant at);

    /**
     * Holds {@code estimateMicros} for the request when the window has room for it — spent + reserved +
     * estimate within the limit, and some room left even for an estimate of 0 — in one conditional UPDATE.
     * False when it has not (or the window is not open). Holding twice for one request holds once.
     */
    boolean reserve(long budgetId, Instant windowStart, String requestId, long estimateMicros, Instant at);

    /**
     * Ends the request's hold: gives its estimate back and charges {@code costMicros}, once. A hold the sweeper
     * expired is charged without giving back again. False when there was nothing to settle (already settled,
     * never held, or pruned).
     */
    boolean settle(long budgetId, String requestId, long costMicros, Instant at);

    /** Gives back holds taken before {@code before} and not settled (their gateway died); how many. */
    int expire(Instant before, Instant at);

    /** Forgets settled and expired ledger rows of requests admitted before {@code before}; how many. */
    int prune(Instant before);
}
