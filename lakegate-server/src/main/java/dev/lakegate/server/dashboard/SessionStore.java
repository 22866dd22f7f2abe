package dev.lakegate.server.dashboard;

import java.time.Instant;
import java.util.Optional;

/** Dashboard sessions, shared by the gateways on one control-plane database; keyed by the SHA-256 of the session id. */
public interface SessionStore {

    /**
     * One signed-in browser.
     *
     * @param idHash SHA-256 (hex) of the cookie's session id; the id itself is never stored
     * @param tokenId the token signed in with, re-checked on every request (its secret is not kept)
     * @param expiresAt the absolute end: sign-in plus {@code dashboard.session_max_hours}, or the token's expiry if sooner
     */
    record Session(String idHash, long principalId, String tokenId, String csrf, Instant createdAt, Instant lastSeenAt,
            Instant expiresAt) {

        Session touched(Instant at) {
            return new Session(idHash, principalId, tokenId, csrf, createdAt, at, expiresAt);
        }
    }

    void insert(Session session);

    Optional<Session> find(String idHash);

    /** Moves the last-seen time forward (never back). */
    void touch(String idHash, Instant lastSeenAt);

    /** False when there was no such session. */
    boolean delete(String idHash);

    /** Deletes sessions past their absolute end or unused since {@code idleBefore}; returns how many. */
    int purge(Instant now, Instant idleBefore);
}
