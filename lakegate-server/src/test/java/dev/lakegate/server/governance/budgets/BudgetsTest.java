package dev.lakegate.server.governance.budgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.governance.Principal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.governance.TestClock;
import dev.lakegate.server.store.BudgetStore;
import dev.lakegate.server.store.StoreDatabase;
import dev.lakegate.server.store.TestDatabase;
import dev.lakegate.server.store.WindowCounter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Admission, settlement, windows and seeding of budgets, with gateways sharing one database of each kind. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class BudgetsTest {
    private static final Instant T0 = Instant.parse("2026-11-03T10:00:00Z");
    private static final Map<String, Principal> PRINCIPALS = Map.of(
            "alice", new Principal(1, "alice", PrincipalType.USER, null, false, true),
            "bob", new Principal(2, "bob", PrincipalType.USER, null, false, true),
            "ci-bot", new Principal(3, "ci-bot", PrincipalType.SERVICE_PRINCIPAL, null, false, true));
    private static final Spender ALICE = new Spender("alice", PrincipalType.USER, Set.of("eng"), "claude");
    private static final Spender BOB = new Spender("bob", PrincipalType.USER, Set.of(), "gpt");

    @Parameter
    TestDatabase backend;

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);
    private final List<AutoCloseable> open = new ArrayList<>();
    private StoreDatabase database;
    /** What the usage table holds, and how often each gateway read it. */
    private final List<RecordedSpend.Row> recorded = new ArrayList<>();
    private final List<AtomicInteger> reads = new ArrayList<>();

    @BeforeEach
    void openDatabase() {
        database = StoreDatabase.open(backend.fresh(dir), dir);
        recorded.add(new RecordedSpend.Row("alice", PrincipalType.USER, "claude-latest", 1_500_000));
        recorded.add(new RecordedSpend.Row("bob", PrincipalType.USER, "claude", 2_000_000));
        recorded.add(new RecordedSpend.Row("ci-bot", PrincipalType.SERVICE_PRINCIPAL, "gpt", 300_000));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        database.close();
    }

    /** One gateway's budgets on the shared database; {@code reads.get(n)} counts its reads of the usage table. */
    private Budgets gateway() {
        AtomicInteger count = new AtomicInteger();
        reads.add(count);
        Directory directory = new Directory(name -> Optional.ofNullable(PRINCIPALS.get(name.toLowerCase())),
                name -> name.equals("alice") ? Set.of("eng") : Set.of(),
                name -> name.startsWith("claude") ? Optional.of("claude") : name.equals("gpt") ? Optional.of("gpt") : Optional.empty());
        Budgets budgets = Budgets.start(BudgetStore.on(database), directory, window -> {
            count.incrementAndGet();
            return List.copyOf(recorded);
        }, clock);
        open.add(budgets);
        return budgets;
    }

    private static NewBudget perDay(String name, BudgetScope scope, String subject, long limitMicros) {
        return new NewBudget(name, scope, subject, BudgetPeriod.DAY, limitMicros);
    }

    private static Admission admit(Budgets budgets, String requestId, Spender spender, long estimate, Instant at) {
        return budgets.admit(requestId, spender, () -> estimate, at);
    }

    private static GatewayException refusal(Budgets budgets, Spender spender, long estimate, Instant at) {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> admit(budgets, "req_refused", spender, estimate, at));
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    @Test
    void aBudgetCreatedMidWindowStartsFromTheRecordedSpendOfItsScopeSeededOnceAcrossRestartsAndGateways() {
        Budgets a = gateway();
        assertThat(a.create(perDay("alice", BudgetScope.USER, "ALICE", 5_000_000), "admin").counter().spentMicros())
                .as("alice's spend, through an alias of claude too").isEqualTo(1_500_000);
        assertThat(a.create(perDay("claude", BudgetScope.ENDPOINT, "claude-latest", 9_000_000), "admin").counter())
                .as("every row whose endpoint name resolves to claude").extracting(WindowCounter::seededMicros, WindowCounter::spentMicros)
                .containsExactly(3_500_000L, 3_500_000L);
        assertThat(a.create(perDay("eng", BudgetScope.GROUP, "eng", 9_000_000), "admin").counter().spentMicros()).isEqualTo(1_500_000);
        assertThat(a.create(perDay("all", BudgetScope.GROUP, "users", 9_000_000), "admin").counter().spentMicros()).isEqualTo(3_800_000);
        assertThat(a.create(perDay("bot", BudgetScope.SERVICE_PRINCIPAL, "ci-bot", 9_000_000), "admin").counter().spentMicros())
                .isEqualTo(300_000);
        assertThat(reads.get(0)).hasValue(5);

        recorded.add(new RecordedSpend.Row("alice", PrincipalType.USER, "claude", 7_000_000)); // would be counted twice if read again
        Budgets b = gateway();
        a.close();
        Budgets restarted = gateway();
        b.settle(admit(b, "req_1", ALICE, 100, T0), 0.25);
        restarted.settle(admit(restarted, "req_2", ALICE, 100, T0), 0.5);
        assertThat(reads.get(1)).as("the other gateway").hasValue(0);
        assertThat(reads.get(2)).as("after a restart").hasValue(0);
        assertThat(b.get("alice").counter()).isEqualTo(new WindowCounter(b.get("alice").budget().id(),
                Instant.parse("2026-11-03T00:00:00Z"), 1_500_000, 2_250_000, 0));
        assertThat(b.get("all").counter().spentMicros()).as("one counter, whichever gateway settles").isEqualTo(4_550_000);
    }

    @Test
    void aWindowResetsAtTheNextUtcDayWithoutReadingTheUsageTableAgain() {
        Budgets budgets = gateway();
        budgets.create(perDay("alice-daily", BudgetScope.USER, "alice", 2_000_000), "admin"); // seeded with 1.50
        budgets.settle(admit(budgets, "req_1", ALICE, 300_000, T0), 0.4);
        GatewayException spent = refusal(budgets, ALICE, 200_000, T0.plusSeconds(60));
        assertThat(spent.error().category()).isEqualTo(ErrorCategory.BUDGET_EXCEEDED);
        assertThat(spent.error().status()).isEqualTo(403);
        assertThat(spent.error().category().retryable()).isFalse();
        assertThat(spent.getMessage()).isEqualTo("Budget \"alice-daily\" (user alice, $2.00 per day) is spent: $1.90 used, and this"
                + " request's estimated $0.20 does not fit in the $0.10 left; it resets at 2026-11-04T00:00:00Z.");

        clock.advance(Duration.ofHours(14));
        Instant tomorrow = Instant.parse("2026-11-04T00:00:01Z");
        budgets.settle(admit(budgets, "req_2", ALICE, 200_000, tomorrow), 2.5);
        assertThat(reads.getFirst()).as("only the creation window is seeded").hasValue(1);
        assertThat(budgets.get("alice-daily").window().start()).isEqualTo(Instant.parse("2026-11-04T00:00:00Z"));
        assertThat(budgets.get("alice-daily").counter().spentMicros()).isEqualTo(2_500_000);
        assertThat(refusal(budgets, ALICE, 0, tomorrow).getMessage()).as("spent over its limit by the last request's actual cost")
                .isEqualTo("Budget \"alice-daily\" (user alice, $2.00 per day) is spent: $2.50 used; it resets at 2026-11-05T00:00:00Z.");
    }

    @Test
    void whenOneBudgetHasNoRoomTheOthersGiveBackWhatTheyHeld() {
        Budgets budgets = gateway();
        budgets.create(perDay("alice", BudgetScope.USER, "alice", 9_000_000), "admin");
        budgets.create(perDay("eng", BudgetScope.GROUP, "eng", 9_000_000), "admin");
        budgets.create(perDay("claude", BudgetScope.ENDPOINT, "claude", 4_000_000), "admin"); // 3.50 spent
        Admission held = admit(budgets, "req_1", ALICE, 400_000, T0);
        assertThat(held.budgetIds()).hasSize(3);
        assertThat(refusal(budgets, ALICE, 200_000, T0).getMessage()).startsWith("Budget \"claude\" (endpoint claude, $4.00 per day) is spent:"
                + " $3.50 used, $0.40 held by requests in progress, and this request's estimated $0.20 does not fit in the $0.10 left;");
        assertThat(budgets.list()).extracting(v -> v.counter().reservedMicros()).as("only req_1's holds").containsOnly(400_000L);

        budgets.settle(held, null);
        assertThat(budgets.list()).extracting(v -> v.counter().reservedMicros()).containsOnly(0L);
        assertThat(budgets.get("alice").counter().spentMicros()).as("unknown prices cost nothing").isEqualTo(1_500_000);
        assertThat(admit(budgets, "req_2", BOB, 1, T0).budgetIds()).as("bob is under the claude budget only on claude").isEmpty();
    }

    @Test
    void holdsOfRequestsThatNeverEndAreGivenBackBySweepingAndALateEndIsStillCharged() {
        Budgets budgets = gateway();
        budgets.create(perDay("bob", BudgetScope.USER, "bob", 3_000_000), "admin"); // 2.00 spent
        Admission lost = admit(budgets, "req_1", BOB, 900_000, T0);
        refusal(budgets, BOB, 200_000, T0);

        clock.advance(Budgets.HOLD_LIFETIME.minusSeconds(1));
        budgets.sweep();
        assertThat(budgets.get("bob").counter().reservedMicros()).as("not old enough").isEqualTo(900_000);
        clock.advance(Duration.ofSeconds(2));
        budgets.sweep();
        assertThat(budgets.get("bob").counter().reservedMicros()).isZero();
        budgets.settle(admit(budgets, "req_2", BOB, 200_000, T0), 0.1);

        budgets.settle(lost, 0.05);
        budgets.settle(lost, 0.05);
        assertThat(budgets.get("bob").counter().spentMicros()).isEqualTo(2_150_000);
    }

    @Test
    void limitsChangeAtOnceAndDeletedBudgetsStopApplying() {
        Budgets a = gateway();
        Budgets b = gateway();
        a.create(perDay("bob", BudgetScope.USER, "bob", 2_000_000), "admin"); // spent
        b.refresh();
        refusal(b, BOB, 1, T0);
        a.updateLimit("bob", 3_000_000);
        assertThat(admit(b, "req_1", BOB, 1, T0).budgetIds()).as("the stored limit decides, not b's copy").hasSize(1);
        a.delete("bob");
        assertThat(admit(b, "req_2", BOB, 1, T0).budgetIds()).as("deleted before b read the definitions again").isEmpty();
    }

    @Test
    void definitionsAreCheckedAndNamedInTheErrors() {
        Budgets budgets = gateway();
        budgets.create(perDay("alice", BudgetScope.USER, "alice", 1), "admin");
        assertThat(error(() -> budgets.create(perDay("ALICE", BudgetScope.USER, "alice", 1), "admin"))).contains("already exists");
        assertThat(error(() -> budgets.create(perDay("x", BudgetScope.USER, "carol", 1), "admin"))).contains("no user named 'carol'");
        assertThat(error(() -> budgets.create(perDay("x", BudgetScope.USER, "ci-bot", 1), "admin"))).contains("no user named 'ci-bot'");
        assertThat(error(() -> budgets.create(perDay("x", BudgetScope.ENDPOINT, "mistral", 1), "admin"))).contains("no endpoint named");
        assertThat(error(() -> budgets.create(perDay("has space", BudgetScope.GROUP, "eng", 1), "admin"))).contains("is not usable");
        assertThat(error(() -> budgets.create(perDay("x", BudgetScope.GROUP, "eng", 0), "admin"))).contains("more than 0");
        assertThat(error(() -> budgets.updateLimit("nope", 1))).contains("no budget named 'nope'");
        assertThat(budgets.create(perDay("bot", BudgetScope.SERVICE_PRINCIPAL, "CI-BOT", 1), "admin").budget().subject())
                .as("stored as the principal spells it").isEqualTo("ci-bot");
    }

    private static String error(Runnable call) {
        GatewayException e = catchThrowableOfType(GatewayException.class, call::run);
        assertThat(e).isNotNull();
        return e.getMessage();
    }
}
