package dev.lakegate.server.governance.budgets;

import static dev.lakegate.server.governance.budgets.BudgetGatewayClient.micros;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.config.DatabaseConfig;
import dev.lakegate.server.store.PostgresServer;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Two gateways on one PostgreSQL database: a budget set through one is enforced by both, against one counter. */
class BudgetsAcrossGatewaysTest {

    @Test
    void aBudgetSetThroughOneGatewayIsEnforcedByTheOtherWithinTwoSecondsAndTheirSpendsAddUp() throws Exception {
        DatabaseConfig db = PostgresServer.shared().createDatabase();
        String section = "database: {url: '%s', user: %s, password: '%s', pool_size: 5}".formatted(db.url(), db.user(), db.password());
        try (TestGateway a = TestGateway.start("", BudgetGatewayClient.PRICED_ENDPOINTS, "", section);
                TestGateway b = TestGateway.start("", BudgetGatewayClient.PRICED_ENDPOINTS, "", section);
                BudgetGatewayClient onA = new BudgetGatewayClient(a);
                BudgetGatewayClient onB = new BudgetGatewayClient(b)) {
            String solo = onA.user("solo");
            long created = System.nanoTime();
            onA.create("solo-daily", "USER", "solo", "0.000001"); // no turn fits
            HttpResponse<String> refused;
            do {
                refused = onB.turn(solo);
            } while (refused.statusCode() == 200 && System.nanoTime() - created < Duration.ofSeconds(5).toNanos());
            Duration took = Duration.ofNanos(System.nanoTime() - created);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("Budget \\\"solo-daily\\\"");
            assertThat(took).isLessThan(Duration.ofSeconds(2));

            String pair = onB.user("pair");
            onB.create("pair-daily", "USER", "pair", "0.01056"); // room for 10 estimated turns
            Thread.sleep(Budgets.REFRESH.multipliedBy(2).toMillis()); // until gateway a has read it
            List<CompletableFuture<HttpResponse<String>>> turns = new ArrayList<>(onA.parallelTurns(pair, 25, 3_000));
            turns.addAll(onB.parallelTurns(pair, 25, 3_000));
            List<HttpResponse<String>> admittedByA = new ArrayList<>();
            List<HttpResponse<String>> admittedByB = new ArrayList<>();
            for (int i = 0; i < turns.size(); i++) {
                HttpResponse<String> r = turns.get(i).get();
                assertThat(r.statusCode()).isIn(200, 403);
                if (r.statusCode() == 200) {
                    (i < 25 ? admittedByA : admittedByB).add(r);
                }
            }
            assertThat(admittedByA.size() + admittedByB.size()).as("one counter for both gateways").isEqualTo(10);
            JsonNode fromA = onA.settled("pair-daily");
            JsonNode fromB = onB.settled("pair-daily");
            assertThat(micros(fromA.path("spent_usd"))).isEqualTo(micros(fromB.path("spent_usd")))
                    .isEqualTo(onA.recordedMicros(admittedByA) + onB.recordedMicros(admittedByB)).isEqualTo(10 * 15);
        }
    }
}
