package dev.lakegate.server.governance.budgets;

import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.PrincipalType;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who spends, on what: an admitted request, or a row of the usage table when a window is seeded. The
 * same {@link Budget#appliesTo} decides both, so a seed counts exactly what admission would have.
 *
 * @param groups the principal's groups, lower-cased
 * @param endpoint the endpoint's own name (an alias resolved)
 */
public record Spender(String principal, PrincipalType type, Set<String> groups, String endpoint) {

    public Spender {
        groups = groups.stream().map(g -> g.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public static Spender of(Caller caller, String endpoint) {
        return new Spender(caller.principal().name(), caller.principal().type(), caller.groups(), endpoint);
    }
}
