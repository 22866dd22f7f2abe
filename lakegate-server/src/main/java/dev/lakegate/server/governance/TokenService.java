package dev.lakegate.server.governance;

import dev.lakegate.server.store.ControlPlane;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.TokenRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Mints, lists and revokes personal access tokens. Only hashes reach the store. */
public final class TokenService {
    /** Keeps expiry arithmetic far from overflow; a century is "no expiry" in practice anyway. */
    static final Duration MAX_LIFETIME = Duration.ofDays(36_500);
    static final int MAX_COMMENT = 1000;

    private final ControlPlane store;
    private final TokenAuthenticator authenticator;
    private final Clock clock;

    TokenService(ControlPlane store, TokenAuthenticator authenticator, Clock clock) {
        this.store = store;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    /**
     * Creates a token for {@code owner}, minted by {@code createdBy} (the owner, or an admin).
     *
     * @param lifetime empty for a token that never expires
     */
    public IssuedToken create(PrincipalRecord owner, long createdBy, String comment, Optional<Duration> lifetime) {
        if (!owner.active()) {
            throw GovernanceErrors.invalid("'" + owner.name() + "' is deactivated: reactivate it before creating tokens for it");
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw GovernanceErrors.invalid("comment is " + comment.length() + " characters long: keep it under " + MAX_COMMENT);
        }
        lifetime.ifPresent(TokenService::checkLifetime);
        Instant now = clock.instant();
        String secret = TokenSecrets.newSecret();
        TokenRecord token = new TokenRecord(TokenSecrets.newTokenId(), owner.id(), TokenSecrets.hash(secret), comment,
                createdBy, now, lifetime.map(now::plus), Optional.empty(), Optional.empty());
        store.tokens().insert(token);
        return new IssuedToken(secret, token);
    }

    /**
     * A fresh token for the bootstrap admin (user {@code admin} when it is an active admin, else the
     * oldest active admin), e.g. for {@code lakegate demo} to print a working token on every start.
     */
    public IssuedToken createForBootstrapAdmin(String comment, Duration lifetime) {
        List<PrincipalRecord> admins = store.principals().activeAdmins();
        if (admins.isEmpty()) {
            throw new IllegalStateException("no active admin: run Governance.bootstrap first");
        }
        PrincipalRecord admin = Bootstrap.preferred(admins);
        return create(admin, admin.id(), comment, Optional.of(lifetime));
    }

    public Optional<TokenRecord> find(String tokenId) {
        return store.tokens().findById(tokenId);
    }

    /** Tokens of one owner, or of everyone; revoked ones included (see {@link TokenRecord#revoked()}). */
    public List<TokenRecord> list(Optional<Long> ownerId) {
        return store.tokens().list(ownerId);
    }

    /** Revokes a token; takes effect in this process at once. False when unknown or already revoked. */
    public boolean revoke(String tokenId) {
        boolean revoked = store.tokens().revoke(tokenId, clock.instant());
        authenticator.invalidateToken(tokenId);
        return revoked;
    }

    private static void checkLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw GovernanceErrors.invalid("lifetime_seconds must be between 1 and " + MAX_LIFETIME.toSeconds()
                    + "; omit it for a token that does not expire");
        }
    }
}
