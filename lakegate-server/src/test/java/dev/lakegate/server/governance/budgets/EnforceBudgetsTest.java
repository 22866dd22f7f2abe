package dev.lakegate.server.governance.budgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.scan.RequestScan;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.config.ProviderType;
import dev.lakegate.server.config.AiGatewayConfig;
import dev.lakegate.server.governance.AccessControl;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.SettingSource;
import dev.lakegate.server.governance.Principal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.pipeline.Exchange;
import dev.lakegate.server.provider.Destination;
import dev.lakegate.server.provider.Endpoint;
import dev.lakegate.server.provider.EndpointSettings;
import dev.lakegate.server.provider.Provider;
import dev.lakegate.server.store.BudgetStore;
import dev.lakegate.server.store.StoreDatabase;
import dev.lakegate.server.store.TestDatabase;
import dev.lakegate.server.surface.SurfaceRouter;
import dev.lakegate.server.usage.Pricing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import dev.lakegate.server.observe.RequestClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interceptor: what it holds at admission, and that every way out of the rest of the pipeline settles. */
class EnforceBudgetsTest {
    private static final Provider P = new Provider("p", ProviderType.SCRIPTED, ProviderType.SCRIPTED.protocols(), "http://x", null, Map.of(),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), null);
    /** USD 1 per million tokens each way: a token is a micro-dollar. */
    private static final Pricing DOLLAR = new Pricing(1.0, 1.0, null, null, null);
    private static final Destination PRICED = new Destination(P, "m", 100, 0, Duration.ofSeconds(1), DOLLAR);
    private static final Principal ALICE = new Principal(1, "alice", PrincipalType.USER, null, false, true);
    /** 23 characters (6 tokens) and a cap of 1000 output tokens: 1006 micro-dollars. */
    private static final String BODY = "{\"model\":\"priced\",\"max_tokens\":1000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path dir;

    private StoreDatabase database;
    private Budgets budgets;
    private EnforceBudgets enforce;

    @BeforeEach
    void start() {
        database = StoreDatabase.open(TestDatabase.SQLITE.fresh(dir), dir);
        budgets = Budgets.start(BudgetStore.on(database), new Directory(n -> Optional.of(ALICE), n -> Set.of(), Optional::of),
                window -> List.of(), Clock.systemUTC());
        budgets.create(new NewBudget("alice", BudgetScope.USER, "alice", BudgetPeriod.DAY, 10_000), "admin");
        enforce = new EnforceBudgets(budgets);
    }

    @AfterEach
    void stop() {
        budgets.close();
        database.close();
    }

    private static Exchange exchange(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Exchange e = new Exchange("req_" + System.nanoTime(), Instant.now(), new RequestClock(System.nanoTime()),
                SurfaceRouter.match("POST", path, null, false).orElseThrow(), Map.of(), Map.of(), "127.0.0.1", bytes, RequestScan.of(bytes),
                null);
        e.caller(new Caller(ALICE, "tok_1", Set.of("users")));
        e.endpoint(new Endpoint("priced", List.of(), List.of(PRICED), AccessControl.DEFAULT,
                EndpointSettings.compile("priced", new AiGatewayConfig(List.of(), true, null, true), SettingSource.CONFIGURATION)));
        e.plan(List.of(PRICED));
        return e;
    }

    private BudgetView alice() {
        return budgets.get("alice");
    }

    @Test
    void holdsThePromptAndTheOutputCapAtTheFirstDestinationsPrices() throws Exception {
        long[] reservedDuring = {-1};
        enforce.intercept(exchange("/anthropic/v1/messages", BODY), ex -> reservedDuring[0] = alice().counter().reservedMicros());
        assertThat(reservedDuring[0]).isEqualTo(1_006);
        assertThat(EnforceBudgets.estimateMicros(BODY.getBytes(StandardCharsets.UTF_8), new Pricing(3.0, 15.0, null, null, null)))
                .isEqualTo(6 * 3 + 1_000 * 15);
        assertThat(EnforceBudgets.estimateMicros("{\"messages\":[]}".getBytes(StandardCharsets.UTF_8), DOLLAR))
                .as("no cap: 4096 output tokens").isEqualTo(4_096); // a top-level key only: no text
        assertThat(EnforceBudgets.estimateMicros("{\"max_tokens\":128000}".getBytes(StandardCharsets.UTF_8), DOLLAR)).isEqualTo(8_192);
        assertThat(EnforceBudgets.estimateMicros(BODY.getBytes(StandardCharsets.UTF_8), null)).as("no prices: nothing to hold").isZero();
    }

    @Test
    void anAnsweredRequestIsChargedItsCost() throws Exception {
        Exchange exchange = exchange("/openai/v1/chat/completions", BODY);
        enforce.intercept(exchange, ex -> {
            ex.destination(PRICED);
            ex.usage(new Usage(40, 2, 0, 0, 0, false));
        });
        assertThat(alice().counter().spentMicros()).isEqualTo(42);
        assertThat(alice().counter().reservedMicros()).isZero();
    }

    @Test
    void aRefusalLaterInThePipelineGivesTheHoldBack() {
        assertThatThrownBy(() -> enforce.intercept(exchange("/anthropic/v1/messages", BODY), ex -> {
            throw new GatewayException(ErrorCategory.RATE_LIMITED, "slow down");
        })).isInstanceOf(GatewayException.class).hasMessage("slow down");
        assertThat(alice().counter()).extracting(c -> c.spentMicros() + c.reservedMicros()).isEqualTo(0L);
    }

    @Test
    void anAgentHangingUpMidAnswerIsChargedWhatItUsed() {
        assertThatThrownBy(() -> enforce.intercept(exchange("/anthropic/v1/messages", BODY), ex -> {
            ex.destination(PRICED);
            ex.usage(new Usage(6, 300, 0, 0, 0, true)); // the lane settles the usage of a cut answer before the error leaves it
            throw new IOException("client went away");
        })).isInstanceOf(IOException.class);
        assertThat(alice().counter().spentMicros()).isEqualTo(306);
        assertThat(alice().counter().reservedMicros()).isZero();
    }

    @Test
    void tokenCountsPassEvenWhenTheBudgetIsSpent() throws Exception {
        enforce.intercept(exchange("/anthropic/v1/messages", BODY), ex -> {
            ex.destination(PRICED);
            ex.usage(new Usage(9_000, 1_000, 0, 0, 0, false)); // the whole 10,000
        });
        assertThatThrownBy(() -> enforce.intercept(exchange("/anthropic/v1/messages", BODY), ex -> { }))
                .isInstanceOf(GatewayException.class).hasMessageContaining("Budget \"alice\"");
        boolean[] passed = {false};
        enforce.intercept(exchange("/anthropic/v1/messages/count_tokens", BODY), ex -> passed[0] = true);
        assertThat(passed[0]).isTrue();
    }
}
