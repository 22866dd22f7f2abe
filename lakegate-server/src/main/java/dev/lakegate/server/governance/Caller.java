package dev.lakegate.server.governance;

import java.util.Set;

/**
 * An authenticated caller: who, and with which token.
 *
 * @param tokenId the token's public id (never the secret); recorded in the usage table
 */
public record Caller(Principal principal, String tokenId) {

    /** The groups the caller belongs to; none until groups are stored (issue 7). */
    public Set<String> groups() {
        return Set.of();
    }
}
