package dev.lakegate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.server.config.DatabaseConfig;
import dev.lakegate.server.governance.PrincipalType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Principals and tokens, the same on each database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ControlPlaneTest {
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    @Parameter
    TestDatabase backend;

    @TempDir
    Path dir;

    private DatabaseConfig config;
    private StoreDatabase database;
    private ControlPlane store;

    @BeforeEach
    void open() {
        config = backend.fresh(dir);
        database = StoreDatabase.open(config, dir);
        store = ControlPlane.on(database);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void reopeningKeepsTheDataAndAppliesEachMigrationOnce() {
        store.principals().insert(user(1, "alice", false));
        try (StoreDatabase reopened = StoreDatabase.open(config, dir)) {
            assertThat(ControlPlane.on(reopened).principals().findById(1)).map(PrincipalRecord::name).contains("alice");
            reopened.jdbi().useHandle(h -> {
                assertThat(h.select("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")
                        .mapTo(String.class).list()).startsWith("1", "2").doesNotHaveDuplicates();
            });
        }
    }

    @Test
    void aDatabaseThatANewerGatewayMigratedStillOpens() {
        // Rolling upgrades: migrations only add, so an older gateway may run on (and ignores) later versions.
        database.jdbi().useHandle(h -> h.execute("""
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,
                    execution_time, success)
                VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test', 0, ?)""", true));
        try (StoreDatabase older = StoreDatabase.open(config, dir)) {
            assertThat(ControlPlane.on(older).principals().list(null)).isEmpty();
        }
    }

    @Test
    void namesAreUniqueIgnoringCaseAcrossUsersAndServicePrincipals() {
        store.principals().insert(user(1, "Alice", false));
        assertThat(store.principals().findByName("ALICE")).map(PrincipalRecord::id).contains(1L);
        assertThatThrownBy(() -> store.principals().insert(user(2, "alice", false))).isInstanceOf(DuplicateNameException.class);
        PrincipalRecord sp = new PrincipalRecord(3, PrincipalType.SERVICE_PRINCIPAL, "ALICE", null, null, false, true, T0);
        assertThatThrownBy(() -> store.principals().insert(sp)).isInstanceOf(DuplicateNameException.class);
        store.principals().insert(user(4, "bob", false));
        assertThatThrownBy(() -> store.principals().update(user(4, "alice", false))).isInstanceOf(DuplicateNameException.class);
    }

    @Test
    void namesMatchIgnoringTheCaseOfAsciiLettersAndSortByteWise() {
        // SQLite's LOWER folds ASCII letters only; PostgreSQL in the C locale (docs/operations.md) does the same.
        store.principals().insert(user(1, "Ärger", false));
        store.principals().insert(user(2, "ärger", false));
        store.principals().insert(user(3, "ab", false));
        store.principals().insert(user(4, "A_c", false));
        assertThat(store.principals().findByName("äRGER")).map(PrincipalRecord::id).contains(2L);
        assertThat(store.principals().list(PrincipalType.USER)).extracting(PrincipalRecord::name)
                .containsExactly("A_c", "ab", "Ärger", "ärger");
    }

    @Test
    void updatesListsAndFindsAdmins() {
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

    @Test
    void tokensAreFoundByHashWithTheirOwnerRevokedAndStampedWithLastUse() {
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

    @Test
    void aTransactionRollsBackAsAWhole() {
        assertThatThrownBy(() -> store.inTransaction((principals, tokens) -> {
            principals.insert(user(1, "alice", false));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(store.principals().findById(1)).isEmpty();
    }

    static PrincipalRecord user(long id, String name, boolean admin) {
        return new PrincipalRecord(id, PrincipalType.USER, name, null, name + "@example.com", admin, true, T0);
    }

    static TokenRecord token(String id, long owner, String hash, Optional<Instant> expires) {
        return new TokenRecord(id, owner, hash, "test", owner, T0, expires, Optional.empty(), Optional.empty());
    }
}
