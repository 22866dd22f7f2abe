package dev.lakegate.server.governance;

import dev.lakegate.server.store.ControlPlane;
import dev.lakegate.server.store.Credential;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.PrincipalStore;
import dev.lakegate.server.store.TokenRecord;
import dev.lakegate.server.store.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run on every start: makes sure an active admin exists and, when the operator supplies
 * {@code LAKEGATE_ADMIN_TOKEN}, that this exact secret authenticates as an admin. Idempotent:
 * a second start with the same input changes nothing.
 */
public final class Bootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
    public static final String ADMIN_NAME = "admin";
    public static final String GENERATED_COMMENT = "bootstrap admin token";
    public static final String SUPPLIED_COMMENT = "LAKEGATE_ADMIN_TOKEN";
    static final int MIN_SUPPLIED_LENGTH = 16;

    /**
     * @param generatedSecret present only when a token was generated on this start: print it once
     * @param adminCreated a new admin user was created (or an old one re-enabled)
     * @param suppliedTokenAdded the supplied secret was stored on this start
     */
    public record Result(PrincipalRecord admin, boolean adminCreated, Optional<String> generatedSecret, boolean suppliedTokenAdded) {
        @Override
        public String toString() {
            return "Bootstrap.Result[admin=" + admin.name() + ", adminCreated=" + adminCreated
                    + ", generated=" + generatedSecret.isPresent() + ", suppliedTokenAdded=" + suppliedTokenAdded + "]";
        }
    }

    private Bootstrap() {}

    /** Rejects a supplied admin token that is empty, shorter than 16 characters or contains whitespace. */
    public static String validateSuppliedToken(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("LAKEGATE_ADMIN_TOKEN is empty: unset it to get a generated token, or set a random value");
        }
        if (token.length() < MIN_SUPPLIED_LENGTH || token.codePoints().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("LAKEGATE_ADMIN_TOKEN must be at least " + MIN_SUPPLIED_LENGTH
                    + " characters without whitespace: generate one with `openssl rand -hex 32`");
        }
        return token;
    }

    static Result run(ControlPlane store, Clock clock, Optional<String> suppliedToken) {
        suppliedToken.ifPresent(Bootstrap::validateSuppliedToken);
        return store.inTransaction((principals, tokens) -> {
            Instant now = clock.instant();
            List<PrincipalRecord> admins = principals.activeAdmins();
            boolean created = admins.isEmpty();
            PrincipalRecord admin = created ? ensureAdminUser(principals, now) : preferred(admins);
            boolean added = suppliedToken.map(secret -> ensureSupplied(tokens, admin, secret, now)).orElse(false);
            Optional<String> generated = Optional.empty();
            if (created && suppliedToken.isEmpty()) {
                String secret = TokenSecrets.newSecret();
                tokens.insert(token(admin, secret, GENERATED_COMMENT, now));
                generated = Optional.of(secret);
            }
            return new Result(admin, created, generated, added);
        });
    }

    /** Creates user {@code admin}, or re-enables it when it exists but lost its admin flag or was deactivated. */
    private static PrincipalRecord ensureAdminUser(PrincipalStore principals, Instant now) {
        Optional<PrincipalRecord> existing = principals.findByName(ADMIN_NAME);
        if (existing.isPresent()) {
            PrincipalRecord enabled = existing.get().withAdmin(true).withActive(true);
            principals.update(enabled);
            LOG.warn("no active admin was found: re-enabled principal '{}' as an admin", ADMIN_NAME);
            return enabled;
        }
        PrincipalRecord admin = new PrincipalRecord(TokenSecrets.newPrincipalId(), PrincipalType.USER, ADMIN_NAME,
                "Administrator", null, true, true, now);
        principals.insert(admin);
        LOG.info("created the first admin user '{}'", ADMIN_NAME);
        return admin;
    }

    static PrincipalRecord preferred(List<PrincipalRecord> admins) {
        return admins.stream().filter(a -> a.name().equalsIgnoreCase(ADMIN_NAME)).findFirst().orElse(admins.getFirst());
    }

    /**
     * Stores the supplied secret for the admin unless it is already there. A revoked or foreign
     * token with that secret is left alone: a leaked and revoked admin token must not come back to
     * life because an old environment still carries it.
     */
    private static boolean ensureSupplied(TokenStore tokens, PrincipalRecord admin, String secret, Instant now) {
        Optional<Credential> existing = tokens.findCredential(TokenSecrets.hash(secret));
        if (existing.isEmpty()) {
            tokens.insert(token(admin, secret, SUPPLIED_COMMENT, now));
            LOG.info("stored LAKEGATE_ADMIN_TOKEN for admin '{}'", admin.name());
            return true;
        }
        TokenRecord token = existing.get().token();
        PrincipalRecord owner = existing.get().owner();
        if (!token.validAt(now)) {
            LOG.warn("LAKEGATE_ADMIN_TOKEN matches token {} which is revoked or expired; it stays unusable: set a new value", token.id());
        } else if (!owner.admin() || !owner.active()) {
            LOG.warn("LAKEGATE_ADMIN_TOKEN matches token {} of '{}', which is not an active admin; it grants no admin rights: set a new value",
                    token.id(), owner.name());
        }
        return false;
    }

    private static TokenRecord token(PrincipalRecord owner, String secret, String comment, Instant now) {
        return new TokenRecord(TokenSecrets.newTokenId(), owner.id(), TokenSecrets.hash(secret), comment, owner.id(), now,
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
