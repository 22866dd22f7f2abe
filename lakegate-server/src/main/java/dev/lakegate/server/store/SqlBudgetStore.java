package dev.lakegate.server.store;

import dev.lakegate.server.governance.budgets.Budget;
import dev.lakegate.server.governance.budgets.BudgetPeriod;
import dev.lakegate.server.governance.budgets.BudgetScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link BudgetStore} in portable SQL. On the counters side every transaction locks the request's ledger
 * row first, then its window's row, and touches one window only, so concurrent admissions, settlements and
 * sweeps (of any gateway) cannot deadlock.
 */
final class SqlBudgetStore implements BudgetStore {
    private static final String COLUMNS = "id, name, scope, subject, period, limit_micros, created_by, created_at";
    private static final String RESERVED = "RESERVED";
    private static final String EXPIRED = "EXPIRED";
    private static final String SETTLED = "SETTLED";
    /** Holds the sweeper gives back per run; the rest wait for the next run. */
    private static final int EXPIRE_BATCH = 1_000;

    private final Jdbi serialised;
    private final Jdbi counters;

    SqlBudgetStore(Jdbi serialised, Jdbi counters) {
        this.serialised = serialised;
        this.counters = counters;
    }

    @Override
    public void insert(Budget b) {
        serialised.useTransaction(h -> {
            // Checked inside the serialised write, so the unique index is only the last line of defence.
            if (byName(h, b.name()).isPresent()) {
                throw new DuplicateNameException("budget", b.name());
            }
            h.createUpdate("""
                            INSERT INTO budgets (id, name, scope, subject, period, limit_micros, created_by, created_at, updated_at)
                            VALUES (:id, :name, :scope, :subject, :period, :limit, :createdBy, :createdAt, :createdAt)""")
                    .bind("id", b.id())
                    .bind("name", b.name())
                    .bind("scope", b.scope().name())
                    .bind("subject", b.subject())
                    .bind("period", b.period().name())
                    .bind("limit", b.limitMicros())
                    .bind("createdBy", b.createdBy())
                    .bind("createdAt", b.createdAt().toEpochMilli())
                    .execute();
        });
    }

    @Override
    public boolean updateLimit(long id, long limitMicros, Instant at) {
        return serialised.inTransaction(h -> h.createUpdate("UPDATE budgets SET limit_micros = :limit, updated_at = :at WHERE id = :id")
                .bind("id", id)
                .bind("limit", limitMicros)
                .bind("at", at.toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public boolean delete(long id) {
        // Windows and ledger rows go with it (ON DELETE CASCADE); a request settling later finds nothing to settle.
        return serialised.inTransaction(h -> h.createUpdate("DELETE FROM budgets WHERE id = :id").bind("id", id).execute()) == 1;
    }

    @Override
    public Optional<Budget> findByName(String name) {
        return serialised.withHandle(h -> byName(h, name));
    }

    @Override
    public List<Budget> list() {
        return serialised.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM budgets ORDER BY LOWER(name)")
                .map(SqlBudgetStore::budget)
                .list());
    }

    @Override
    public Optional<WindowCounter> counter(long budgetId, Instant windowStart) {
        return counters.withHandle(h -> h.createQuery("""
                        SELECT budget_id, window_start, seeded_micros, spent_micros, reserved_micros
                        FROM budget_windows WHERE budget_id = :budget AND window_start = :window""")
                .bind("budget", budgetId)
                .bind("window", windowStart.toEpochMilli())
                .map((rs, ctx) -> new WindowCounter(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)))
                .findOne());
    }

    @Override
    public boolean openWindow(long budgetId, Instant windowStart, long seedMicros, Instant at) {
        // One statement: the row exists once, with the seed of whoever inserted it first; a deleted budget opens nothing.
        return counters.withHandle(h -> h.createUpdate("""
                        INSERT INTO budget_windows (budget_id, window_start, seeded_micros, spent_micros, reserved_micros, opened_at)
                        SELECT id, :window, :seed, :seed, 0, :at FROM budgets WHERE id = :budget
                        ON CONFLICT DO NOTHING""")
                .bind("budget", budgetId)
                .bind("window", windowStart.toEpochMilli())
                .bind("seed", seedMicros)
                .bind("at", at.toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public boolean reserve(long budgetId, Instant windowStart, String requestId, long estimateMicros, Instant at) {
        return counters.inTransaction(h -> {
            int recorded = h.createUpdate("""
                            INSERT INTO budget_reservations (budget_id, request_id, window_start, estimate_micros, state, reserved_at)
                            SELECT budget_id, :request, window_start, :estimate, :state, :at FROM budget_windows
                            WHERE budget_id = :budget AND window_start = :window
                            ON CONFLICT DO NOTHING""")
                    .bind("budget", budgetId)
                    .bind("request", requestId)
                    .bind("window", windowStart.toEpochMilli())
                    .bind("estimate", estimateMicros)
                    .bind("state", RESERVED)
                    .bind("at", at.toEpochMilli())
                    .execute();
            if (recorded == 0) {
                // Already held for this request (keep that one hold), or the window is not open.
                return h.createQuery("SELECT COUNT(*) FROM budget_reservations WHERE budget_id = :budget AND request_id = :request")
                        .bind("budget", budgetId)
                        .bind("request", requestId)
                        .mapTo(Long.class)
                        .one() == 1;
            }
            // The check and the increment are one statement: concurrent admissions cannot all pass a check-then-spend gap.
            int held = h.createUpdate("""
                            UPDATE budget_windows SET reserved_micros = reserved_micros + :estimate
                            WHERE budget_id = :budget AND window_start = :window
                              AND spent_micros + reserved_micros + :room <= (SELECT limit_micros FROM budgets WHERE id = :budget)""")
                    .bind("budget", budgetId)
                    .bind("window", windowStart.toEpochMilli())
                    .bind("estimate", estimateMicros)
                    .bind("room", Math.max(estimateMicros, 1)) // an unpriced request (estimate 0) still needs the budget not spent
                    .execute();
            if (held == 0) {
                h.rollback(); // no room: no ledger row either
                return false;
            }
            return true;
        });
    }

    @Override
    public boolean settle(long budgetId, String requestId, long costMicros, Instant at) {
        return counters.inTransaction(h -> {
            Optional<Hold> held = close(h, budgetId, requestId, RESERVED, SETTLED, costMicros, at);
            if (held.isPresent()) {
                charge(h, held.get(), held.get().estimateMicros(), costMicros);
                return true;
            }
            // Expired by the sweeper (its estimate already given back): still charge what the request cost.
            Optional<Hold> late = close(h, budgetId, requestId, EXPIRED, SETTLED, costMicros, at);
            late.ifPresent(hold -> charge(h, hold, 0, costMicros));
            return late.isPresent();
        });
    }

    @Override
    public int expire(Instant before, Instant at) {
        List<Hold> stale = counters.withHandle(h -> h.createQuery("""
                        SELECT budget_id, request_id, window_start, estimate_micros FROM budget_reservations
                        WHERE state = :state AND reserved_at < :before ORDER BY reserved_at LIMIT :batch""")
                .bind("state", RESERVED)
                .bind("before", before.toEpochMilli())
                .bind("batch", EXPIRE_BATCH)
                .map((rs, ctx) -> new Hold(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list());
        int expired = 0;
        for (Hold candidate : stale) {
            // Each hold in its own transaction, decided by its state: a settlement or another gateway's sweeper may be first.
            boolean released = counters.inTransaction(h -> {
                Optional<Hold> hold = close(h, candidate.budgetId(), candidate.requestId(), RESERVED, EXPIRED, null, at);
                hold.ifPresent(given -> charge(h, given, given.estimateMicros(), 0));
                return hold.isPresent();
            });
            expired += released ? 1 : 0;
        }
        return expired;
    }

    @Override
    public int prune(Instant before) {
        return counters.withHandle(h -> h.createUpdate("DELETE FROM budget_reservations WHERE state <> :state AND reserved_at < :before")
                .bind("state", RESERVED)
                .bind("before", before.toEpochMilli())
                .execute());
    }

    /** A ledger row: the hold of one request on one budget's window. */
    private record Hold(long budgetId, String requestId, long windowStart, long estimateMicros) {}

    /**
     * Moves the request's ledger row from one state to the other; the row is then locked until commit. Empty when
     * it was not in state {@code from} (another settlement or sweeper got there first).
     */
    private static Optional<Hold> close(Handle h, long budgetId, String requestId, String from, String to, Long costMicros, Instant at) {
        int moved = h.createUpdate("""
                        UPDATE budget_reservations SET state = :to, cost_micros = :cost, closed_at = :at
                        WHERE budget_id = :budget AND request_id = :request AND state = :from""")
                .bind("budget", budgetId)
                .bind("request", requestId)
                .bind("from", from)
                .bind("to", to)
                .bind("cost", costMicros)
                .bind("at", at.toEpochMilli())
                .execute();
        if (moved == 0) {
            return Optional.empty();
        }
        return h.createQuery("SELECT budget_id, request_id, window_start, estimate_micros FROM budget_reservations"
                        + " WHERE budget_id = :budget AND request_id = :request")
                .bind("budget", budgetId)
                .bind("request", requestId)
                .map((rs, ctx) -> new Hold(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .findOne();
    }

    /** Gives back {@code releaseMicros} of the window's holds and adds {@code costMicros} to its spend. */
    private static void charge(Handle h, Hold hold, long releaseMicros, long costMicros) {
        h.createUpdate("""
                        UPDATE budget_windows SET reserved_micros = reserved_micros - :release, spent_micros = spent_micros + :cost
                        WHERE budget_id = :budget AND window_start = :window""")
                .bind("budget", hold.budgetId())
                .bind("window", hold.windowStart())
                .bind("release", releaseMicros)
                .bind("cost", costMicros)
                .execute();
    }

    private static Optional<Budget> byName(Handle h, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM budgets WHERE LOWER(name) = LOWER(:name)")
                .bind("name", name)
                .map(SqlBudgetStore::budget)
                .findOne();
    }

    private static Budget budget(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Budget(
                rs.getLong("id"),
                rs.getString("name"),
                BudgetScope.valueOf(rs.getString("scope")),
                rs.getString("subject"),
                BudgetPeriod.valueOf(rs.getString("period")),
                rs.getLong("limit_micros"),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
