package dev.lakegate.server.governance.budgets;

import static dev.lakegate.server.governance.budgets.BudgetGatewayClient.micros;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.testing.TestGateway;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A budget created mid-window starts from the usage table's spend, read once, whatever restarts follow. */
class BudgetSeedingTest {
    private static final Usage HUNDRED_TEN = new Usage(100, 10, 0, 0, 0, false);

    @Test
    void aNewBudgetStartsFromTheRecordedSpendOfItsScopeAndARestartDoesNotSeedAgain() throws Exception {
        TestGateway gw = TestGateway.start("", BudgetGatewayClient.PRICED_ENDPOINTS, "", "lake: {commit_interval_ms: 100}");
        try {
            BudgetGatewayClient client = new BudgetGatewayClient(gw);
            String seed = client.user("seed");
            String other = client.user("other");
            for (String token : new String[] {seed, seed, seed, other}) {
                gw.scripted().enqueue(Script.text("ok").withUsage(HUNDRED_TEN));
                assertThat(client.turn(token).statusCode()).isEqualTo(200);
            }
            awaitRecordedSpend(gw, "seed", 330);

            JsonNode created = client.create("seed-daily", "USER", "seed", "1").path("current_window");
            assertThat(micros(created.path("seeded_usd"))).isEqualTo(330);
            assertThat(micros(created.path("spent_usd"))).isEqualTo(330);

            // Charged to the budget, but never in the usage table: a second seeding would lose it.
            gw.scripted().enqueue(Script.text("ok").withUsage(HUNDRED_TEN));
            assertThat(gw.post("/anthropic/v1/messages", BudgetGatewayClient.TURN.replace("priced", "priced-untracked")
                    .getBytes(StandardCharsets.UTF_8), seed, "application/json").statusCode()).isEqualTo(200);
            assertThat(micros(client.settled("seed-daily").path("spent_usd"))).isEqualTo(440);
            client.close();

            gw = gw.restart(BudgetGatewayClient.PRICED_ENDPOINTS, "", "lake: {commit_interval_ms: 100}", new Random(1)::nextDouble);
            try (BudgetGatewayClient restarted = new BudgetGatewayClient(gw)) {
                gw.scripted().enqueue(Script.text("ok").withUsage(HUNDRED_TEN));
                assertThat(restarted.turn(seed).statusCode()).isEqualTo(200);
                JsonNode window = restarted.settled("seed-daily");
                assertThat(micros(window.path("seeded_usd"))).isEqualTo(330);
                assertThat(micros(window.path("spent_usd"))).isEqualTo(550);
            }
        } finally {
            gw.close();
        }
    }

    /** Waits until the usage table, read as seeding reads it, holds {@code micros} for the requester today. */
    private static void awaitRecordedSpend(TestGateway gw, String requester, long micros) throws InterruptedException {
        UsageSpend usage = new UsageSpend(gw.gateway().lake().service());
        Window today = BudgetPeriod.DAY.windowAt(Instant.now());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long seen;
        do {
            seen = usage.in(today).stream().filter(r -> r.requester().equals(requester)).mapToLong(RecordedSpend.Row::micros).sum();
            if (seen == micros) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the usage table holds " + seen + " micro-dollars of " + requester + ", not " + micros);
    }
}
