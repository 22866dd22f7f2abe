package dev.lakegate.server.store;

import java.util.List;

/**
 * A token together with its owner and the names of the owner's stored groups: what authentication
 * needs, read at once.
 */
public record Credential(TokenRecord token, PrincipalRecord owner, List<String> groups) {

    public Credential {
        groups = List.copyOf(groups);
    }
}
