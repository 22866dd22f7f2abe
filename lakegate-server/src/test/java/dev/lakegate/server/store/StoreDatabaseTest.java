package dev.lakegate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.server.config.DatabaseConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What differs between the databases: where they are, how they are reached, and what is refused. */
class StoreDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void theEmbeddedDefaultIsASqliteFileInWalModeInTheDataFolder() throws Exception {
        Path dataDir = dir.resolve("nested/data");
        try (StoreDatabase database = StoreDatabase.openDataDir(dataDir)) {
            ControlPlane.on(database).principals().insert(ControlPlaneTest.user(1, "alice", false));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("lakegate.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void refusesUrlsItCannotServe() {
        assertThatThrownBy(() -> StoreDatabase.open(DatabaseConfig.of("jdbc:sqlite::memory:", null, null), dir))
                .hasMessageContaining("needs a SQLite file");
        assertThatThrownBy(() -> StoreDatabase.open(DatabaseConfig.of("jdbc:mysql://db/lakegate", null, null), dir))
                .hasMessageContaining("unsupported control-plane database URL jdbc:mysql://db/lakegate")
                .hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void aFailedLoginNamesTheDatabaseAndRoleButNotThePassword() {
        DatabaseConfig good = PostgresServer.shared().createDatabase();
        DatabaseConfig wrong = new DatabaseConfig(good.url(), good.user(), "not-" + good.password(), 1, 500L, null);
        assertThatThrownBy(() -> StoreDatabase.open(wrong, dir))
                .hasMessageContaining("cannot connect to the control-plane database " + good.url() + " as 'lakegate'")
                .hasMessageContaining("password authentication failed")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong.password());
                    }
                });
    }

    @Test
    void postgresConnectionsNameTheGatewayAndWaitForLocksBoundedly() {
        DatabaseConfig fresh = PostgresServer.shared().createDatabase();
        try (StoreDatabase database = StoreDatabase.open(new DatabaseConfig(fresh.url(), fresh.user(), fresh.password(), 2, 2_000L, null), dir)) {
            database.jdbi().useHandle(h -> {
                assertThat(h.select("SHOW lock_timeout").mapTo(String.class).one()).isEqualTo("2s");
                assertThat(h.select("SHOW application_name").mapTo(String.class).one()).isEqualTo("lakegate");
            });
        }
    }

    @Test
    void aPostgresDatabaseOutsideTheCCollationIsNamedInAWarning() {
        assertThat(PostgresPool.collationWarning("C", "POSIX", "jdbc:postgresql://db/lg")).isEmpty();
        assertThat(PostgresPool.collationWarning("en_US.UTF-8", "en_US.UTF-8", "jdbc:postgresql://db/lg"))
                .hasValueSatisfying(w -> assertThat(w).contains("jdbc:postgresql://db/lg").contains("LC_COLLATE 'C' LC_CTYPE 'C'"));
    }
}
