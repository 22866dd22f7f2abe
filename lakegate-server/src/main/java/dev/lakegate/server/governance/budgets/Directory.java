package dev.lakegate.server.governance.budgets;

import dev.lakegate.server.governance.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What budgets look up about the subjects they name.
 *
 * @param principals a user or service principal by name (any case): checks subjects and keeps their stored spelling
 * @param groups the groups of a principal, by name: a group budget counts its members' recorded spend when seeded
 * @param endpoints an endpoint's own name for a name or alias: checks subjects, and resolves the names usage rows record as sent
 */
public record Directory(Function<String, Optional<Principal>> principals, Function<String, Set<String>> groups,
        Function<String, Optional<String>> endpoints) {}
