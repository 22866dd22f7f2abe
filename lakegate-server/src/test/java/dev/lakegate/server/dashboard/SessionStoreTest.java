package dev.lakegate.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.dashboard.SessionStore.Session;
import dev.lakegate.server.store.StoreDatabase;
import dev.lakegate.server.store.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Dashboard sessions in the control-plane database (migration V7), the same on each database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SessionStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    @Parameter
    TestDatabase backend;

    @TempDir
    Path dir;

    private StoreDatabase database;
    private SessionStore store;

    @BeforeEach
    void open() {
        database = StoreDatabase.open(backend.fresh(dir), dir);
        store = new JdbcSessionStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aSessionIsFoundByItsIdHashUntilDeleted() {
        Session s = session("a".repeat(64), T0, T0.plus(Duration.ofHours(168)));
        store.insert(s);
        assertThat(store.find(s.idHash())).contains(s);
        assertThat(store.find("b".repeat(64))).isEmpty();
        assertThat(store.delete(s.idHash())).isTrue();
        assertThat(store.delete(s.idHash())).as("already gone").isFalse();
        assertThat(store.find(s.idHash())).isEmpty();
    }

    @Test
    void lastSeenMovesForwardOnly() {
        Session s = session("a".repeat(64), T0, T0.plus(Duration.ofHours(1)));
        store.insert(s);
        store.touch(s.idHash(), T0.plusSeconds(120));
        store.touch(s.idHash(), T0.plusSeconds(60));
        assertThat(store.find(s.idHash()).orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void purgeDeletesSessionsPastTheirEndOrIdle() {
        Session live = session("a".repeat(64), T0.plusSeconds(3000), T0.plus(Duration.ofHours(2)));
        Session ended = session("b".repeat(64), T0.plusSeconds(3000), T0.plusSeconds(3600));
        Session idle = session("c".repeat(64), T0, T0.plus(Duration.ofHours(2)));
        store.insert(live);
        store.insert(ended);
        store.insert(idle);
        assertThat(store.purge(T0.plusSeconds(3600), T0.plusSeconds(1))).isEqualTo(2);
        assertThat(store.find(live.idHash())).isPresent();
        assertThat(store.find(ended.idHash())).isEmpty();
        assertThat(store.find(idle.idHash())).isEmpty();
    }

    private static Session session(String idHash, Instant lastSeen, Instant expiresAt) {
        return new Session(idHash, 42, "tok_0123456789abcdef01234567", "csrf-" + idHash.charAt(0), T0, lastSeen, expiresAt);
    }
}
