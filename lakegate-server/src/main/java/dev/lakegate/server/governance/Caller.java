package dev.lakegate.server.governance;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * An authenticated caller: who, with which token, and in which groups.
 *
 * @param tokenId the token's public id (never the secret), recorded in the usage table; null when a principal
 *     acts as the owner of a view it created (definer rights)
 * @param groups the names of the caller's groups, the built-in {@code users} included, as resolved when the
 *     token was authenticated; {@code contains} ignores case, as group names do
 */
public record Caller(Principal principal, String tokenId, Set<String> groups) {

    public Caller {
        groups = ignoringCase(groups);
    }

    private static Set<String> ignoringCase(Collection<String> names) {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(names);
        return Collections.unmodifiableSortedSet(set);
    }
}
