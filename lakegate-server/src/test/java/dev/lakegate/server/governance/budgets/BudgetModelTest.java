package dev.lakegate.server.governance.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.governance.PrincipalType;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Windows, money and who a budget applies to. */
class BudgetModelTest {

    @Test
    void windowsAreUtcCalendarDaysAndMonthsEndingWhereTheNextBegins() {
        assertThat(BudgetPeriod.DAY.windowAt(Instant.parse("2026-11-03T23:59:59.999Z")))
                .isEqualTo(new Window(Instant.parse("2026-11-03T00:00:00Z"), Instant.parse("2026-11-04T00:00:00Z")));
        assertThat(BudgetPeriod.DAY.windowAt(Instant.parse("2026-11-04T00:00:00Z")).start()).isEqualTo(Instant.parse("2026-11-04T00:00:00Z"));
        assertThat(BudgetPeriod.MONTH.windowAt(Instant.parse("2026-12-31T23:00:00Z")))
                .isEqualTo(new Window(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(BudgetPeriod.MONTH.windowAt(Instant.parse("2028-02-29T12:00:00Z")).end()).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
        Window day = BudgetPeriod.DAY.windowAt(Instant.parse("2026-11-03T10:00:00Z"));
        assertThat(day.contains(day.start())).isTrue();
        assertThat(day.contains(day.end())).isFalse();
    }

    @Test
    void moneyIsMicroDollarsShownToTheCentAtLeast() {
        assertThat(Usd.format(5_000_000)).isEqualTo("$5.00");
        assertThat(Usd.format(1_500)).isEqualTo("$0.0015");
        assertThat(Usd.format(123_456_789)).isEqualTo("$123.456789");
        assertThat(Usd.format(0)).isEqualTo("$0.00");
        assertThat(Usd.micros(0.0015)).isEqualTo(1_500);
        assertThat(Usd.micros((1_000 * 3 + 300 * 15) / 1e6)).as("a cost as Pricing computes it").isEqualTo(7_500);
        assertThat(Usd.micros(null)).isZero();
    }

    @Test
    void aBudgetAppliesToItsPrincipalItsGroupsMembersEveryoneInUsersAndItsEndpoint() {
        Spender alice = new Spender("Alice", PrincipalType.USER, Set.of("Eng"), "claude");
        Spender bot = new Spender("alice", PrincipalType.SERVICE_PRINCIPAL, Set.of(), "gpt");
        assertThat(budget(BudgetScope.USER, "alice").appliesTo(alice)).isTrue();
        assertThat(budget(BudgetScope.USER, "alice").appliesTo(bot)).as("a service principal is not a user").isFalse();
        assertThat(budget(BudgetScope.SERVICE_PRINCIPAL, "ALICE").appliesTo(bot)).isTrue();
        assertThat(budget(BudgetScope.GROUP, "eng").appliesTo(alice)).isTrue();
        assertThat(budget(BudgetScope.GROUP, "eng").appliesTo(bot)).isFalse();
        assertThat(budget(BudgetScope.GROUP, "users").appliesTo(bot)).as("everyone is in users").isTrue();
        assertThat(budget(BudgetScope.ENDPOINT, "claude").appliesTo(alice)).isTrue();
        assertThat(budget(BudgetScope.ENDPOINT, "claude").appliesTo(bot)).isFalse();
    }

    private static Budget budget(BudgetScope scope, String subject) {
        return new Budget(1, "b", scope, subject, BudgetPeriod.DAY, 1, "admin", Instant.EPOCH);
    }
}
