package dev.lakegate.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored personal access token: never the secret, only its SHA-256 (hex).
 *
 * @param id public id such as {@code tok_…}; safe to show and log
 * @param principalId owner
 * @param createdBy who minted it (an admin minting on behalf of someone, or the owner)
 */
public record TokenRecord(
        String id,
        long principalId,
        String secretHash,
        String comment,
        long createdBy,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> lastUsedAt,
        Optional<Instant> revokedAt) {

    public boolean revoked() {
        return revokedAt.isPresent();
    }

    public boolean expiredAt(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }

    /** Usable for authentication at {@code now} (the owner must also be active). */
    public boolean validAt(Instant now) {
        return !revoked() && !expiredAt(now);
    }
}
