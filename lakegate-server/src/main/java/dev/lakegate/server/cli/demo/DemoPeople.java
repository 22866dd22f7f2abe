package dev.lakegate.server.cli.demo;

import dev.lakegate.server.Gateway;
import dev.lakegate.server.config.AiGatewayConfig;
import dev.lakegate.server.governance.Bootstrap;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.NewPrincipal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.governance.SettingSource;
import dev.lakegate.server.governance.budgets.BudgetPeriod;
import dev.lakegate.server.governance.budgets.BudgetScope;
import dev.lakegate.server.governance.budgets.NewBudget;
import dev.lakegate.server.governance.budgets.Usd;
import dev.lakegate.server.governance.limits.RateLimit;
import dev.lakegate.server.store.PrincipalRecord;
import java.util.List;

/**
 * The demo's people and rules, made through the governance services as the admin API makes them: the
 * {@link DemoData#USERS} with their admins, the {@link DemoData#GROUPS}, a monthly budget for group mobile
 * and a per-user rate limit on {@value #LIMITED_ENDPOINT}. Whatever exists already is left as it is.
 */
public final class DemoPeople {
    public static final String BUDGET = "mobile-monthly";
    public static final String LIMITED_ENDPOINT = "claude-opus";

    private DemoPeople() {}

    /** The bootstrap admin, as a caller (for the demo's DDL). */
    public static Caller admin(Gateway gateway) {
        return gateway.governance().asOwner(Bootstrap.ADMIN_NAME)
                .orElseThrow(() -> new IllegalStateException("the bootstrap admin '" + Bootstrap.ADMIN_NAME + "' does not exist"));
    }

    public static void create(Gateway gateway) {
        Governance governance = gateway.governance();
        for (String name : DemoData.USERS) {
            if (governance.principals().findByName(name).isEmpty()) {
                governance.principals().create(new NewPrincipal(PrincipalType.USER, name, capitalised(name), name + "@example.com",
                        DemoData.ADMINS.contains(name), true));
            }
        }
        DemoData.GROUPS.forEach((group, members) -> {
            if (governance.groups().findByName(group).isEmpty()) {
                List<Long> ids = members.stream().map(m -> governance.principals().findByName(m).map(PrincipalRecord::id).orElseThrow()).toList();
                governance.groups().create(group, ids);
            }
        });
        if (gateway.budgets().list().stream().noneMatch(b -> b.budget().name().equals(BUDGET))) {
            gateway.budgets().create(new NewBudget(BUDGET, BudgetScope.GROUP, "mobile", BudgetPeriod.MONTH, Usd.micros(5_000.0)),
                    Bootstrap.ADMIN_NAME);
        }
        if (governance.aiGateway().stored().source(LIMITED_ENDPOINT) == SettingSource.CONFIGURATION) {
            governance.aiGateway().put(LIMITED_ENDPOINT, new AiGatewayConfig(
                    List.of(new RateLimit(RateLimit.Key.USER, null, 60L, null, RateLimit.RenewalPeriod.MINUTE)), true, null, true));
        }
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
