package dev.lakegate.server.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.store.Credential;
import dev.lakegate.server.store.TokenRecord;
import dev.lakegate.server.store.TokenStore;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The final comparison of a presented secret with a stored hash, and that authentication relies on it. */
class TokenSecretsTest {

    @Test
    void aSecretMatchesOnlyTheHashMadeFromIt() {
        String secret = TokenSecrets.newSecret();
        String hash = TokenSecrets.hash(secret);
        assertThat(secret).matches("lg_[A-Za-z0-9_-]{43}");
        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(TokenSecrets.matches(secret, hash)).isTrue();
        assertThat(TokenSecrets.matches(secret + "x", hash)).isFalse();
        assertThat(TokenSecrets.matches(TokenSecrets.newSecret(), hash)).isFalse();
        // one character off at either end, the same length: both refused (no early-exit shortcut changes the answer)
        assertThat(TokenSecrets.matches(secret, flip(hash, 0))).isFalse();
        assertThat(TokenSecrets.matches(secret, flip(hash, 63))).isFalse();
        assertThat(TokenSecrets.matches(secret, hash.substring(0, 63))).isFalse();
        assertThat(TokenSecrets.matches(secret, hash.toUpperCase(Locale.ROOT))).isFalse();
        assertThat(TokenSecrets.matches(secret, null)).isFalse();
        assertThat(TokenSecrets.matches(null, hash)).isFalse();
        assertThat(TokenSecrets.matches(secret, secret)).as("a secret stored in clear is no hash").isFalse();
    }

    @Test
    void aRowTheStoreFoundByALooserEqualityDoesNotAuthenticate(@TempDir Path dir) {
        try (GovernanceFixture f = new GovernanceFixture(dir)) {
            IssuedToken issued = f.token(f.user("alice", false));
            // A store whose lookup ignores case (a collation) hands back a row for a hash that is not the presented one's.
            TokenStore tokens = f.store.tokens();
            TokenStore loose = new InterceptedReads(tokens, hash -> tokens.findCredential(hash).map(c -> {
                TokenRecord t = c.token();
                return new Credential(new TokenRecord(t.id(), t.principalId(), t.secretHash().toUpperCase(Locale.ROOT), t.comment(),
                        t.createdBy(), t.createdAt(), t.expiresAt(), t.lastUsedAt(), t.revokedAt()), c.owner(), c.groups());
            }));
            try (TokenAuthenticator auth = new TokenAuthenticator(loose, f.clock, TokenAuthenticator.Settings.defaults())) {
                assertThat(auth.authenticate(issued.secret())).isEmpty();
            }
            try (TokenAuthenticator auth = new TokenAuthenticator(f.store.tokens(), f.clock, TokenAuthenticator.Settings.defaults())) {
                assertThat(auth.authenticate(issued.secret())).isPresent();
            }
        }
    }

    private static String flip(String hex, int at) {
        char c = hex.charAt(at) == '0' ? '1' : '0';
        return hex.substring(0, at) + c + hex.substring(at + 1);
    }

    /** Answers every lookup with the row of the same hash in upper case, as a case-insensitive index would. */
}
