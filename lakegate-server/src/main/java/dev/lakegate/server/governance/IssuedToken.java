package dev.lakegate.server.governance;

import dev.lakegate.server.store.TokenRecord;

/**
 * A token just created: the only moment its secret exists outside the client.
 *
 * @param secret show once, never log, never store
 */
public record IssuedToken(String secret, TokenRecord token) {

    @Override
    public String toString() {
        return "IssuedToken[" + token.id() + "]"; // keeps the secret out of logs and assertion messages
    }
}
