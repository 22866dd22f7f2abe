package dev.lakegate.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Personal access tokens, stored by the SHA-256 of their secret. */
public interface TokenStore {

    void insert(TokenRecord token);

    Optional<TokenRecord> findById(String id);

    /** The token with this secret hash, its owner and the owner's stored groups, whatever their state (revoked, expired, inactive). */
    Optional<Credential> findCredential(String secretHash);

    /** Tokens of one owner, or of everyone when {@code ownerId} is empty; oldest first. */
    List<TokenRecord> list(Optional<Long> ownerId);

    /** Marks the token revoked; false when it does not exist or was already revoked. */
    boolean revoke(String id, Instant at);

    /** Revokes every live token of a principal; returns how many were revoked. */
    int revokeAllOf(long principalId, Instant at);

    /** Moves last-used times forward (never backwards), one batch. */
    void recordLastUsed(Map<String, Instant> lastUsedByTokenId);
}
