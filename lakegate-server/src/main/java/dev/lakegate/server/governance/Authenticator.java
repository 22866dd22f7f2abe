package dev.lakegate.server.governance;

import java.util.Optional;

/**
 * Resolves a presented secret to a caller. Implementations answer from memory on the hot path:
 * no database round trip per request.
 */
public interface Authenticator {

    /** The caller holding this token, or empty when it is unknown, revoked or expired. */
    Optional<Caller> authenticate(String secret);
}
