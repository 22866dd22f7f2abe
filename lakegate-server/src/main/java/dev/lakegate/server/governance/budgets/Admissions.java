package dev.lakegate.server.governance.budgets;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.store.BudgetStore;
import dev.lakegate.server.store.WindowCounter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission and settlement against the shared counters. Admitting holds the request's estimate on every
 * budget that applies, each with one conditional statement; if one has no room, what the others held is given
 * back and the request is refused. Settling gives the estimate back and charges the cost, once per request
 * and budget. Windows are opened (and seeded) by the first request or admin call that needs them.
 */
final class Admissions {
    private static final Logger LOG = LoggerFactory.getLogger(Admissions.class);

    private final BudgetStore store;
    private final BudgetDefinitions definitions;
    private final Seeding seeding;
    private final Clock clock;
    /** The window this gateway knows to be open, per budget: the usual admission reads nothing before its hold. */
    private final Map<Long, Instant> opened = new ConcurrentHashMap<>();
    /** One seeding at a time per budget in this gateway: a window's first requests wait for it instead of each reading the lake. */
    private final Map<Long, ReentrantLock> opening = new ConcurrentHashMap<>();

    Admissions(BudgetStore store, BudgetDefinitions definitions, Seeding seeding, Clock clock) {
        this.store = store;
        this.definitions = definitions;
        this.seeding = seeding;
        this.clock = clock;
    }

    /**
     * @param estimateMicros computed only when a budget applies
     * @param at the request's arrival: the window it is counted in, as its usage row's {@code event_time}
     * @throws GatewayException a budget has no room for the request (or its counters cannot be reached)
     */
    Admission admit(String requestId, Spender spender, LongSupplier estimateMicros, Instant at) {
        List<Budget> budgets = definitions.applicableTo(spender);
        if (budgets.isEmpty()) {
            return Admission.none(requestId);
        }
        long estimate = estimateMicros.getAsLong();
        List<Long> held = new ArrayList<>(budgets.size());
        try {
            for (Budget budget : budgets) {
                Window window = budget.period().windowAt(at);
                open(budget, window);
                if (store.reserve(budget.id(), window.start(), requestId, estimate, clock.instant())) {
                    held.add(budget.id());
                    continue;
                }
                Optional<WindowCounter> counter = store.counter(budget.id(), window.start());
                if (counter.isPresent()) { // else deleted since the definitions were read
                    throw BudgetRefusal.of(budget, window, counter.get(), estimate);
                }
            }
        } catch (GatewayException e) {
            release(requestId, held);
            throw e;
        } catch (RuntimeException e) {
            release(requestId, held);
            // Spending limits fail closed: without the counters no request they apply to is admitted.
            LOG.error("cannot check the budgets of request {}", requestId, e);
            throw new GatewayException(ErrorCategory.INTERNAL, "Lakegate cannot check your budgets right now: the control-plane database"
                    + " did not answer (request id " + requestId + "). Try again shortly; if it persists, tell your Lakegate admin");
        }
        return new Admission(requestId, held);
    }

    /** Gives back the request's holds and charges its cost; never throws (the request has ended either way). */
    void settle(Admission admission, long costMicros) {
        for (long budgetId : admission.budgetIds()) {
            try {
                store.settle(budgetId, admission.requestId(), costMicros, clock.instant());
            } catch (RuntimeException e) {
                // The hold stays until the sweeper gives it back; the cost is not charged.
                LOG.error("cannot settle request {} on budget {}: its hold is given back within {} and its cost is not counted",
                        admission.requestId(), budgetId, Budgets.HOLD_LIFETIME, e);
            }
        }
    }

    /** Makes sure the window's counter exists, seeded once in the window the budget was created in. */
    void open(Budget budget, Window window) {
        if (window.start().equals(opened.get(budget.id()))) {
            return;
        }
        ReentrantLock lock = opening.computeIfAbsent(budget.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            if (!window.start().equals(opened.get(budget.id())) && store.counter(budget.id(), window.start()).isEmpty()) {
                store.openWindow(budget.id(), window.start(), seeding.seed(budget, window), clock.instant());
            }
            opened.put(budget.id(), window.start());
        } finally {
            lock.unlock();
        }
    }

    /** Forgets what this gateway knew about budgets that no longer exist. */
    void retain(List<Budget> budgets) {
        var ids = budgets.stream().map(Budget::id).collect(Collectors.toSet());
        opened.keySet().retainAll(ids);
        opening.keySet().retainAll(ids);
    }

    private void release(String requestId, List<Long> held) {
        settle(new Admission(requestId, held), 0);
    }
}
