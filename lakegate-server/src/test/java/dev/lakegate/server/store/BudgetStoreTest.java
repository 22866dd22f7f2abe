package dev.lakegate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.server.governance.budgets.Budget;
import dev.lakegate.server.governance.budgets.BudgetPeriod;
import dev.lakegate.server.governance.budgets.BudgetScope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Budget definitions, counters and the ledger of holds, the same on each database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class BudgetStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-03T10:00:00Z");
    private static final Instant DAY = Instant.parse("2026-11-03T00:00:00Z");

    @Parameter
    TestDatabase backend;

    @TempDir
    Path dir;

    private StoreDatabase database;
    private BudgetStore store;

    @BeforeEach
    void open() {
        database = StoreDatabase.open(backend.fresh(dir), dir);
        store = BudgetStore.on(database);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private static Budget budget(long id, String name, long limitMicros) {
        return new Budget(id, name, BudgetScope.USER, "alice", BudgetPeriod.DAY, limitMicros, "admin", T0);
    }

    private WindowCounter counter(long id) {
        return store.counter(id, DAY).orElseThrow();
    }

    @Test
    void definitionsAreCreatedFoundChangedAndDeletedWithUniqueNamesIgnoringCase() {
        store.insert(budget(1, "Alice-Daily", 5_000_000));
        store.insert(new Budget(2, "eng", BudgetScope.GROUP, "eng", BudgetPeriod.MONTH, 100_000_000, "admin", T0));
        assertThatThrownBy(() -> store.insert(budget(3, "alice-daily", 1))).isInstanceOf(DuplicateNameException.class)
                .hasMessageContaining("budget named 'alice-daily'");

        assertThat(store.findByName("ALICE-DAILY")).contains(budget(1, "Alice-Daily", 5_000_000));
        assertThat(store.list()).extracting(Budget::name).containsExactly("Alice-Daily", "eng");
        assertThat(store.updateLimit(1, 7_000_000, T0)).isTrue();
        assertThat(store.findByName("alice-daily")).map(Budget::limitMicros).contains(7_000_000L);

        store.openWindow(1, DAY, 0, T0);
        store.reserve(1, DAY, "req_1", 100, T0);
        assertThat(store.delete(1)).isTrue();
        assertThat(store.delete(1)).isFalse();
        assertThat(store.findByName("alice-daily")).isEmpty();
        assertThat(store.counter(1, DAY)).as("counters go with their budget").isEmpty();
        assertThat(store.settle(1, "req_1", 50, T0)).as("a request of a deleted budget settles nothing").isFalse();
        assertThat(store.updateLimit(1, 1, T0)).isFalse();
    }

    @Test
    void aWindowOpensOnceWithTheSeedOfWhoeverOpenedItFirst() {
        store.insert(budget(1, "b", 5_000_000));
        assertThat(store.counter(1, DAY)).isEmpty();
        assertThat(store.openWindow(1, DAY, 1_250_000, T0)).isTrue();
        assertThat(store.openWindow(1, DAY, 9_999_999, T0)).as("a second gateway, or a restart, never seeds again").isFalse();
        assertThat(counter(1)).isEqualTo(new WindowCounter(1, DAY, 1_250_000, 1_250_000, 0));

        Instant nextDay = DAY.plus(Duration.ofDays(1));
        assertThat(store.openWindow(1, nextDay, 0, T0)).isTrue();
        assertThat(store.counter(1, nextDay)).contains(WindowCounter.empty(1, nextDay));
        assertThat(store.openWindow(42, DAY, 0, T0)).as("no budget, no window").isFalse();
    }

    @Test
    void aHoldIsTakenOnlyWhileTheWindowHasRoomForIt() {
        store.insert(budget(1, "b", 1_000));
        store.openWindow(1, DAY, 200, T0);
        assertThat(store.reserve(1, DAY, "req_1", 500, T0)).isTrue();
        assertThat(store.reserve(1, DAY, "req_2", 301, T0)).as("200 + 500 + 301 > 1000").isFalse();
        long ledgerRows = database.counters().withHandle(h -> h.select("SELECT COUNT(*) FROM budget_reservations WHERE request_id = 'req_2'")
                .mapTo(Long.class).one());
        assertThat(ledgerRows).as("a refused hold leaves no ledger row").isZero();
        assertThat(store.reserve(1, DAY, "req_3", 300, T0)).as("exactly the limit fits").isTrue();
        assertThat(counter(1)).isEqualTo(new WindowCounter(1, DAY, 200, 200, 800));
        assertThat(store.reserve(1, DAY, "req_4", 0, T0)).as("an unpriced request needs some room too").isFalse();

        assertThat(store.reserve(1, DAY, "req_1", 500, T0)).as("holding again for one request").isTrue();
        assertThat(counter(1).reservedMicros()).as("holds once").isEqualTo(800);
        assertThat(store.reserve(1, DAY.plus(Duration.ofDays(1)), "req_5", 1, T0)).as("a window not opened").isFalse();
    }

    @Test
    void settlingGivesTheEstimateBackAndChargesTheCostExactlyOnce() {
        store.insert(budget(1, "b", 1_000));
        store.openWindow(1, DAY, 0, T0);
        store.reserve(1, DAY, "req_1", 600, T0);
        assertThat(store.settle(1, "req_1", 250, T0)).isTrue();
        assertThat(store.settle(1, "req_1", 250, T0)).as("a second settlement").isFalse();
        assertThat(counter(1)).isEqualTo(new WindowCounter(1, DAY, 0, 250, 0));
        assertThat(store.settle(1, "req_unknown", 99, T0)).isFalse();
        assertThat(counter(1).spentMicros()).isEqualTo(250);

        store.reserve(1, DAY, "req_2", 700, T0);
        assertThat(store.settle(1, "req_2", 900, T0)).as("an estimate is not a cap: the actual cost is charged").isTrue();
        assertThat(counter(1)).isEqualTo(new WindowCounter(1, DAY, 0, 1_150, 0));
        assertThat(store.reserve(1, DAY, "req_3", 1, T0)).as("spent over the limit").isFalse();
    }

    @Test
    void theSweeperGivesBackOnlyOldHoldsAndALateSettlementIsStillCharged() {
        store.insert(budget(1, "b", 10_000));
        store.openWindow(1, DAY, 0, T0);
        store.reserve(1, DAY, "req_old", 1_000, T0);
        store.reserve(1, DAY, "req_new", 2_000, T0.plus(Duration.ofMinutes(10)));
        Instant cutoff = T0.plus(Duration.ofMinutes(5));
        assertThat(store.expire(cutoff, T0.plus(Duration.ofMinutes(20)))).isEqualTo(1);
        assertThat(store.expire(cutoff, T0.plus(Duration.ofMinutes(20)))).as("a second sweeper finds nothing").isZero();
        assertThat(counter(1).reservedMicros()).isEqualTo(2_000);

        assertThat(store.settle(1, "req_old", 400, T0.plus(Duration.ofMinutes(30)))).as("the request ended after all").isTrue();
        assertThat(store.settle(1, "req_old", 400, T0.plus(Duration.ofMinutes(30)))).isFalse();
        assertThat(counter(1)).isEqualTo(new WindowCounter(1, DAY, 0, 400, 2_000));

        assertThat(store.prune(T0.plus(Duration.ofMinutes(5)))).as("settled and old").isEqualTo(1);
        assertThat(store.prune(T0.plus(Duration.ofDays(1)))).as("req_new is still held").isZero();
        assertThat(store.settle(1, "req_new", 100, T0)).isTrue();
        assertThat(counter(1)).isEqualTo(new WindowCounter(1, DAY, 0, 500, 0));
    }

    @Test
    void concurrentHoldsNeverOvershootTheLimitAndSettleToTheExactSum() throws Exception {
        store.insert(budget(1, "b", 10_500));
        store.openWindow(1, DAY, 0, T0);
        List<Callable<String>> holds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "req_" + i;
            holds.add(() -> store.reserve(1, DAY, id, 1_000, T0) ? id : null);
        }
        List<String> admitted = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<String> f : pool.invokeAll(holds)) {
                if (f.get() != null) {
                    admitted.add(f.get());
                }
            }
            assertThat(admitted).as("room for 10 estimates, and no check-then-spend gap").hasSize(10);
            assertThat(counter(1).reservedMicros()).isEqualTo(10_000);
            List<Callable<Boolean>> settlements = new ArrayList<>();
            for (String id : admitted) {
                settlements.add(() -> store.settle(1, id, 7, T0));
                settlements.add(() -> store.settle(1, id, 7, T0)); // a retried settlement, racing the first
            }
            assertThat(pool.invokeAll(settlements).stream().filter(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).count()).isEqualTo(10);
        }
        assertThat(counter(1)).isEqualTo(new WindowCounter(1, DAY, 0, 70, 0));
    }
}
