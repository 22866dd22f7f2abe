package dev.lakegate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.server.governance.PrincipalType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneTest {
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void createsTheDatabaseInTheDataDirInWalModeAndMigratesIdempotently() throws Exception {
        Path dataDir = dir.resolve("nested/data");
        try (ControlPlane store = ControlPlane.openDataDir(dataDir)) {
            store.principals().insert(user(1, "alice", false));
        }
        try (ControlPlane reopened = ControlPlane.openDataDir(dataDir)) {
            assertThat(reopened.principals().findById(1)).map(PrincipalRecord::name).contains("alice");
        }
        try (Connection c = raw(dataDir.resolve("lakegate.db")); Statement s = c.createStatement()) {
            assertThat(single(s, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(single(s, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND version = '1'")).isEqualTo("1");
            // Reopening re-applies nothing: every migration is recorded exactly once.
            assertThat(single(s, "SELECT COUNT(*) - COUNT(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL")).isEqualTo("0");
            assertThat(single(s, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND version = '2'")).isEqualTo("1");
        }
    }

    @Test
    void namesAreUniqueIgnoringCaseAcrossUsersAndServicePrincipals() {
        try (ControlPlane store = open()) {
            store.principals().insert(user(1, "Alice", false));
            assertThat(store.principals().findByName("ALICE")).map(PrincipalRecord::id).contains(1L);
            assertThatThrownBy(() -> store.principals().insert(user(2, "alice", false))).isInstanceOf(DuplicateNameException.class);
            PrincipalRecord sp = new PrincipalRecord(3, PrincipalType.SERVICE_PRINCIPAL, "ALICE", null, null, false, true, T0);
            assertThatThrownBy(() -> store.principals().insert(sp)).isInstanceOf(DuplicateNameException.class);
            store.principals().insert(user(4, "bob", false));
            assertThatThrownBy(() -> store.principals().update(user(4, "alice", false))).isInstanceOf(DuplicateNameException.class);
        }
    }

    @Test
    void updatesListsAndFindsAdmins() {
        try (ControlPlane store = open()) {
            store.principals().insert(user(1, "alice", true));
            store.principals().insert(user(2, "bob", false));
            store.principals().insert(new PrincipalRecord(3, PrincipalType.SERVICE_PRINCIPAL, "app-1", "CI", null, false, true, T0));
            assertThat(store.principals().activeAdmins()).extracting(PrincipalRecord::name).containsExactly("alice");

            PrincipalRecord bob = store.principals().findById(2).orElseThrow();
            assertThat(store.principals().update(bob.withAdmin(true))).isTrue();
            store.principals().update(store.principals().findById(1).orElseThrow().withActive(false));

            assertThat(store.principals().activeAdmins()).extracting(PrincipalRecord::name).containsExactly("bob");
            assertThat(store.principals().list(PrincipalType.USER)).extracting(PrincipalRecord::name).containsExactly("alice", "bob");
            assertThat(store.principals().list(PrincipalType.SERVICE_PRINCIPAL)).singleElement()
                    .satisfies(p -> assertThat(p.displayName()).isEqualTo("CI"));
            assertThat(store.principals().list(null)).hasSize(3);
            assertThat(store.principals().findById(99)).isEmpty();
        }
    }

    @Test
    void tokensAreFoundByHashWithTheirOwnerRevokedAndStampedWithLastUse() {
        try (ControlPlane store = open()) {
            store.principals().insert(user(1, "alice", false));
            store.tokens().insert(token("tok_a", 1, "hash-a", Optional.of(T0.plusSeconds(60))));
            store.tokens().insert(token("tok_b", 1, "hash-b", Optional.empty()));

            Credential c = store.tokens().findCredential("hash-a").orElseThrow();
            assertThat(c.owner().name()).isEqualTo("alice");
            assertThat(c.token().id()).isEqualTo("tok_a");
            assertThat(c.token().expiresAt()).contains(T0.plusSeconds(60));
            assertThat(store.tokens().findCredential("nope")).isEmpty();

            assertThat(store.tokens().revoke("tok_a", T0.plusSeconds(5))).isTrue();
            assertThat(store.tokens().revoke("tok_a", T0.plusSeconds(6))).isFalse();
            assertThat(store.tokens().findById("tok_a").orElseThrow().revokedAt()).contains(T0.plusSeconds(5));
            assertThat(store.tokens().revokeAllOf(1, T0.plusSeconds(7))).isEqualTo(1);

            store.tokens().recordLastUsed(Map.of("tok_b", T0.plusSeconds(100)));
            store.tokens().recordLastUsed(Map.of("tok_b", T0.plusSeconds(50))); // never moves backwards
            assertThat(store.tokens().findById("tok_b").orElseThrow().lastUsedAt()).contains(T0.plusSeconds(100));
            assertThat(store.tokens().list(Optional.of(1L))).extracting(TokenRecord::id).containsExactly("tok_a", "tok_b");
            assertThat(store.tokens().list(Optional.of(2L))).isEmpty();
            assertThat(store.tokens().list(Optional.empty())).hasSize(2);
        }
    }

    @Test
    void aTransactionRollsBackAsAWhole() {
        try (ControlPlane store = open()) {
            assertThatThrownBy(() -> store.inTransaction((principals, tokens) -> {
                principals.insert(user(1, "alice", false));
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(store.principals().findById(1)).isEmpty();
        }
    }

    @Test
    void refusesUrlsItCannotServe() {
        assertThatThrownBy(() -> ControlPlane.open("jdbc:sqlite::memory:")).hasMessageContaining("needs a SQLite file");
        assertThatThrownBy(() -> ControlPlane.open("jdbc:postgresql://db/lakegate")).hasMessageContaining("unsupported control-plane URL");
    }

    private ControlPlane open() {
        return ControlPlane.open("jdbc:sqlite:" + dir.resolve("cp.db"));
    }

    static PrincipalRecord user(long id, String name, boolean admin) {
        return new PrincipalRecord(id, PrincipalType.USER, name, null, name + "@example.com", admin, true, T0);
    }

    static TokenRecord token(String id, long owner, String hash, Optional<Instant> expires) {
        return new TokenRecord(id, owner, hash, "test", owner, T0, expires, Optional.empty(), Optional.empty());
    }

    static Connection raw(Path file) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    private static String single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
