package dev.lakegate.server.governance.budgets;

import dev.lakegate.server.governance.PrincipalType;
import java.time.Instant;
import java.util.Locale;

/**
 * A spending limit in USD per UTC day or month (SPEC §3), counted in micro-dollars.
 *
 * @param name unique ignoring case; what refusals and the admin API call it
 * @param subject the user name, service principal (application id), group or endpoint name it is for
 * @param createdBy the admin who created it
 */
public record Budget(long id, String name, BudgetScope scope, String subject, BudgetPeriod period, long limitMicros, String createdBy,
        Instant createdAt) {
    /** The group every principal belongs to. */
    public static final String EVERYONE = "users";

    public Budget withLimit(long newLimitMicros) {
        return new Budget(id, name, scope, subject, period, newLimitMicros, createdBy, createdAt);
    }

    /** Whether this budget counts the spender's requests: its own, its groups' (everyone is in "users"), its endpoint's. */
    public boolean appliesTo(Spender s) {
        return switch (scope) {
            case USER -> s.type() == PrincipalType.USER && subject.equalsIgnoreCase(s.principal());
            case SERVICE_PRINCIPAL -> s.type() == PrincipalType.SERVICE_PRINCIPAL && subject.equalsIgnoreCase(s.principal());
            case GROUP -> subject.equalsIgnoreCase(EVERYONE) || s.groups().contains(subject.toLowerCase(Locale.ROOT));
            case ENDPOINT -> subject.equals(s.endpoint());
        };
    }

    /** How messages name it: {@code "team" (group eng, $50.00 per day)}. */
    public String describe() {
        return "\"" + name + "\" (" + scope.label + " " + subject + ", " + Usd.format(limitMicros) + " per " + period.label + ")";
    }
}
