package dev.lakegate.server.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.TokenRecord;
import dev.lakegate.server.store.TokenStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAuthenticatorTest {
    @TempDir
    Path dir;

    GovernanceFixture f;
    TokenAuthenticator auth;
    PrincipalRecord alice;

    @BeforeEach
    void setUp() {
        f = new GovernanceFixture(dir);
        auth = f.governance.authenticator();
        alice = f.user("alice", false);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aValidSecretAuthenticatesAsItsOwnerWithTheTokenId() {
        IssuedToken issued = f.token(alice);
        Caller caller = auth.authenticate(issued.secret()).orElseThrow();
        assertThat(caller.principal().name()).isEqualTo("alice");
        assertThat(caller.principal().type()).isEqualTo(PrincipalType.USER);
        assertThat(caller.tokenId()).isEqualTo(issued.token().id());
        assertThat(auth.authenticate(issued.secret() + "x")).isEmpty();
        assertThat(auth.authenticate("")).isEmpty();
        assertThat(auth.authenticate(null)).isEmpty();
        assertThat(auth.authenticate("x".repeat(10_000))).isEmpty();
    }

    @Test
    void theHotPathAnswersFromMemory() {
        AtomicInteger reads = new AtomicInteger();
        TokenStore counting = new CountingStore(f.store.tokens(), reads).store();
        IssuedToken issued = f.token(alice);
        try (TokenAuthenticator cached = new TokenAuthenticator(counting, f.clock, TokenAuthenticator.Settings.defaults())) {
            for (int i = 0; i < 1000; i++) {
                assertThat(cached.authenticate(issued.secret())).isPresent();
                assertThat(cached.authenticate("lg_unknown")).isEmpty();
            }
            assertThat(reads).hasValue(2); // one read for the token, one for the unknown secret
            f.clock.advance(Duration.ofSeconds(11));
            cached.authenticate(issued.secret());
            assertThat(reads).hasValue(3); // the TTL ran out: read again
        }
    }

    @Test
    void aStoreOutageKeepsKnownCallersOnTheirLastAnswerAndFailsUnknownOnesAsRetryable() {
        AtomicInteger reads = new AtomicInteger();
        CountingStore flaky = new CountingStore(f.store.tokens(), reads);
        IssuedToken issued = f.token(alice);
        try (TokenAuthenticator cached = new TokenAuthenticator(flaky.store(), f.clock, TokenAuthenticator.Settings.defaults())) {
            assertThat(cached.authenticate(issued.secret())).isPresent();
            flaky.down().set(true);
            f.clock.advance(Duration.ofSeconds(11));
            assertThat(cached.authenticate(issued.secret())).isPresent();
            assertThat(cached.authenticate(issued.secret())).isPresent();
            assertThat(reads).as("the stale answer is trusted a little longer").hasValue(2);
            assertThatThrownBy(() -> cached.authenticate("lg_never_seen"))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().category().retryable()).isTrue())
                    .hasMessageContaining("control-plane store is unavailable")
                    .as("the store's own message stays in the log").hasMessageNotContaining("database is locked");
            flaky.down().set(false);
            f.clock.advance(Duration.ofSeconds(6));
            assertThat(cached.authenticate(issued.secret())).isPresent();
            assertThat(cached.authenticate("lg_never_seen")).isEmpty();
        }
    }

    @Test
    void aRevokedTokenFailsAtOnceInThisProcess() {
        IssuedToken issued = f.token(alice);
        assertThat(auth.authenticate(issued.secret())).isPresent();
        assertThat(f.governance.tokens().revoke(issued.token().id())).isTrue();
        assertThat(auth.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void aRevocationMadeDirectlyInTheDatabaseIsSeenAfterTheTtl() throws Exception {
        IssuedToken issued = f.token(alice);
        assertThat(auth.authenticate(issued.secret())).isPresent();
        try (Connection c = f.raw(); PreparedStatement s = c.prepareStatement("UPDATE tokens SET revoked_at = 1 WHERE id = ?")) {
            s.setString(1, issued.token().id());
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        f.clock.advance(GovernanceFixture.TTL.minusSeconds(1));
        assertThat(auth.authenticate(issued.secret())).as("still cached").isPresent();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(auth.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void anUnknownSecretIsRememberedOnlyBriefly() throws Exception {
        String secret = TokenSecrets.newSecret();
        assertThat(auth.authenticate(secret)).isEmpty();
        // Another gateway process stores a token with this secret.
        f.store.tokens().insert(new TokenRecord("tok_other", alice.id(), TokenSecrets.hash(secret), null, alice.id(),
                f.clock.instant(), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(auth.authenticate(secret)).isEmpty();
        f.clock.advance(GovernanceFixture.NEGATIVE_TTL);
        assertThat(auth.authenticate(secret)).map(Caller::tokenId).contains("tok_other");
    }

    @Test
    void anExpiredTokenFailsEvenWhileCached() {
        IssuedToken issued = f.governance.tokens().create(alice, alice.id(), "short", Optional.of(Duration.ofSeconds(3)));
        assertThat(auth.authenticate(issued.secret())).isPresent();
        f.clock.advance(Duration.ofSeconds(3));
        assertThat(auth.authenticate(issued.secret())).isEmpty();
        f.clock.advance(Duration.ofMinutes(5));
        assertThat(auth.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void aDeactivatedPrincipalFailsAtOnce() {
        IssuedToken issued = f.token(alice);
        assertThat(auth.authenticate(issued.secret())).isPresent();
        f.governance.principals().update(alice.id(), PrincipalChanges.none().withActive(false));
        assertThat(auth.authenticate(issued.secret())).isEmpty();
        f.governance.principals().update(alice.id(), PrincipalChanges.none().withActive(true));
        assertThat(auth.authenticate(issued.secret())).as("deactivation alone does not revoke").isPresent();
    }

    @Test
    void aPromotionIsSeenAtOnce() {
        IssuedToken issued = f.token(alice);
        assertThat(auth.authenticate(issued.secret()).orElseThrow().principal().admin()).isFalse();
        f.governance.principals().update(alice.id(), PrincipalChanges.none().withAdmin(true));
        assertThat(auth.authenticate(issued.secret()).orElseThrow().principal().admin()).isTrue();
    }

    @Test
    void lastUseIsRecordedInMemoryAndFlushedInOneBatch() throws Exception {
        IssuedToken a = f.token(alice);
        IssuedToken b = f.token(alice);
        auth.authenticate(a.secret());
        f.clock.advance(Duration.ofSeconds(2));
        auth.authenticate(a.secret());
        Instant aUsed = f.clock.instant();
        assertThat(lastUsed(a)).as("not written on the hot path").isNull();

        assertThat(auth.flushLastUsed()).isEqualTo(1);
        assertThat(lastUsed(a)).isEqualTo(aUsed.toEpochMilli());
        assertThat(lastUsed(b)).isNull();
        assertThat(auth.flushLastUsed()).as("nothing new").isZero();

        f.clock.advance(Duration.ofSeconds(30));
        auth.authenticate(b.secret());
        auth.close(); // closing flushes what is pending
        assertThat(lastUsed(b)).isEqualTo(f.clock.instant().toEpochMilli());
        assertThat(f.governance.tokens().find(b.token().id()).orElseThrow().lastUsedAt()).contains(f.clock.instant());
    }

    @Test
    void theBackgroundFlusherWritesWithoutBeingAsked() throws Exception {
        IssuedToken issued = f.token(alice);
        var settings = new TokenAuthenticator.Settings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(50), 1000);
        try (TokenAuthenticator background = new TokenAuthenticator(f.store.tokens(), f.clock, settings)) {
            background.authenticate(issued.secret());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (lastUsed(issued) == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(lastUsed(issued)).isEqualTo(f.clock.instant().toEpochMilli());
        }
    }

    @Test
    void aFloodOfUnknownSecretsDoesNotGrowTheCacheBeyondItsBound() {
        var settings = new TokenAuthenticator.Settings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO, 50);
        IssuedToken issued = f.token(alice);
        try (TokenAuthenticator small = new TokenAuthenticator(f.store.tokens(), f.clock, settings)) {
            for (int i = 0; i < 200; i++) {
                small.authenticate("lg_guess_" + i);
            }
            assertThat(small.cacheSize()).isLessThanOrEqualTo(50);
            assertThat(small.authenticate(issued.secret())).isPresent();
        }
    }

    private Long lastUsed(IssuedToken token) throws Exception {
        try (Connection c = f.raw(); PreparedStatement s = c.prepareStatement("SELECT last_used_at FROM tokens WHERE id = ?")) {
            s.setString(1, token.token().id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    /** Counts the reads that reach the store, and fails them while {@code down} is set. */
    private record CountingStore(TokenStore delegate, AtomicInteger reads, AtomicBoolean down) {
        CountingStore(TokenStore delegate, AtomicInteger reads) {
            this(delegate, reads, new AtomicBoolean());
        }

        TokenStore store() {
            return new InterceptedReads(delegate, hash -> {
                reads.incrementAndGet();
                if (down.get()) {
                    throw new IllegalStateException("database is locked");
                }
                return delegate.findCredential(hash);
            });
        }
    }
}
