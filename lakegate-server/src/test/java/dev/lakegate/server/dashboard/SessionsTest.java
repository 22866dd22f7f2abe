package dev.lakegate.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.Principal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.governance.TestClock;
import dev.lakegate.server.governance.TokenSecrets;
import dev.lakegate.server.store.StoreDatabase;
import dev.lakegate.server.store.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session lifetimes on a clock the test moves: idle and absolute ends, the token's end, revocation, logout. */
class SessionsTest {
    private static final Duration IDLE = Duration.ofMinutes(720);
    private static final Duration MAX = Duration.ofHours(168);

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    /** The token checks the governance caches would answer: token id → caller, absent when revoked. */
    private final Map<String, Caller> liveTokens = new HashMap<>();
    private final Map<String, Instant> tokenExpiry = new HashMap<>();
    private StoreDatabase database;
    private SessionStore store;
    private Sessions sessions;

    @BeforeEach
    void open() {
        database = StoreDatabase.open(TestDatabase.SQLITE.fresh(dir), dir);
        store = new JdbcSessionStore(database);
        sessions = new Sessions(store, id -> Optional.ofNullable(liveTokens.get(id)), id -> Optional.ofNullable(tokenExpiry.get(id)),
                clock, IDLE, MAX);
    }

    @AfterEach
    void close() {
        sessions.close();
        database.close();
    }

    @Test
    void onlyTheHashOfTheIdIsStoredAndTheCookieLastsTheAbsoluteLifetime() {
        Sessions.Opened opened = sessions.open(caller("tok_a", false));
        assertThat(opened.id()).matches("[A-Za-z0-9_-]{43}");
        assertThat(store.find(opened.id())).as("the id itself is no key").isEmpty();
        assertThat(store.find(TokenSecrets.hash(opened.id()))).isPresent();
        assertThat(opened.session().csrf()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(opened.id());
        assertThat(sessions.maxAgeSeconds(opened.session())).isEqualTo(MAX.toSeconds());
        assertThat(opened.toString()).doesNotContain(opened.id());
    }

    @Test
    void aSessionEndsAfterBeingIdleButUseKeepsItAlive() {
        String id = sessions.open(caller("tok_a", false)).id();
        clock.advance(IDLE.minusMinutes(1));
        assertThat(sessions.find(id)).as("used just before the idle end").isPresent();
        clock.advance(IDLE.minusMinutes(1));
        Sessions.Active active = sessions.find(id).orElseThrow();
        assertThat(active.session().lastSeenAt()).isEqualTo(clock.instant());
        clock.advance(IDLE);
        assertThat(sessions.find(id)).as("idle for the whole idle time").isEmpty();
        assertThat(store.find(TokenSecrets.hash(id))).as("an ended session is deleted").isEmpty();
    }

    @Test
    void aSessionEndsAtItsAbsoluteEndHoweverOftenUsed() {
        String id = sessions.open(caller("tok_a", false)).id();
        for (Duration used = Duration.ZERO; used.compareTo(MAX) < 0; used = used.plusHours(6)) {
            assertThat(sessions.find(id)).as("after %s", used).isPresent();
            clock.advance(Duration.ofHours(6));
        }
        assertThat(sessions.find(id)).isEmpty();
    }

    @Test
    void aSessionNeverOutlivesItsToken() {
        tokenExpiry.put("tok_a", clock.instant().plus(Duration.ofHours(2)));
        Sessions.Opened opened = sessions.open(caller("tok_a", false));
        assertThat(opened.session().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThat(sessions.maxAgeSeconds(opened.session())).isEqualTo(7200);
        clock.advance(Duration.ofHours(2));
        assertThat(sessions.find(opened.id())).isEmpty();
    }

    @Test
    void revokingTheTokenEndsTheSessionOnTheNextRequestDespiteTheCache() {
        String id = sessions.open(caller("tok_a", false)).id();
        assertThat(sessions.find(id)).isPresent(); // now cached
        liveTokens.remove("tok_a");
        assertThat(sessions.find(id)).isEmpty();
        liveTokens.put("tok_a", caller("tok_a", false));
        assertThat(sessions.find(id)).as("the session row is gone for good").isEmpty();
    }

    @Test
    void theCallerIsReReadOnEveryRequest() {
        String id = sessions.open(caller("tok_a", false)).id();
        assertThat(sessions.find(id).orElseThrow().caller().principal().admin()).isFalse();
        liveTokens.put("tok_a", caller("tok_a", true));
        assertThat(sessions.find(id).orElseThrow().caller().principal().admin()).isTrue();
    }

    @Test
    void logoutAndPurge() {
        Sessions.Opened a = sessions.open(caller("tok_a", false));
        Sessions.Opened b = sessions.open(caller("tok_a", false));
        sessions.end(sessions.find(a.id()).orElseThrow().session());
        assertThat(sessions.find(a.id())).isEmpty();
        assertThat(sessions.find(b.id())).isPresent();
        clock.advance(IDLE);
        assertThat(sessions.purge()).isEqualTo(1);
        assertThat(store.find(b.session().idHash())).isEmpty();
    }

    @Test
    void lastSeenIsWrittenAtMostOnceAMinute() {
        String id = sessions.open(caller("tok_a", false)).id();
        Instant opened = clock.instant();
        clock.advance(Duration.ofSeconds(30));
        sessions.find(id);
        assertThat(store.find(TokenSecrets.hash(id)).orElseThrow().lastSeenAt()).isEqualTo(opened);
        clock.advance(Duration.ofSeconds(30));
        sessions.find(id);
        assertThat(store.find(TokenSecrets.hash(id)).orElseThrow().lastSeenAt()).isEqualTo(clock.instant());
    }

    private Caller caller(String tokenId, boolean admin) {
        Caller caller = new Caller(new Principal(7, "alice", PrincipalType.USER, "alice@example.com", admin, true), tokenId, Set.of("users"));
        liveTokens.put(tokenId, caller);
        return caller;
    }
}
