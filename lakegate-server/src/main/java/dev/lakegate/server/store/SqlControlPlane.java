package dev.lakegate.server.store;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/** The control plane on a JDBC database through JDBI, schema managed by Flyway. */
final class SqlControlPlane implements ControlPlane {
    private final Jdbi jdbi;
    /** SQLite has one writer: serialising writes here avoids SQLITE_BUSY on lock upgrades. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Db perCall = new PerCall();
    private final PrincipalStore principals = new SqlPrincipalStore(perCall);
    private final TokenStore tokens = new SqlTokenStore(perCall);

    private SqlControlPlane(DataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource);
        // Queries with an optional filter bind it whether or not the SQL uses it.
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    }

    static SqlControlPlane open(String jdbcUrl) {
        if (!EmbeddedSqlite.accepts(jdbcUrl)) {
            throw new IllegalArgumentException("unsupported control-plane URL " + jdbcUrl
                    + ": this build supports jdbc:sqlite:<file> (PostgreSQL comes with scale-out)");
        }
        DataSource dataSource = EmbeddedSqlite.dataSource(jdbcUrl);
        migrate(dataSource);
        return new SqlControlPlane(dataSource);
    }

    /** Applies pending migrations; a no-op on an up-to-date database, so safe on every start. */
    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @Override
    public PrincipalStore principals() {
        return principals;
    }

    @Override
    public TokenStore tokens() {
        return tokens;
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        return locked(() -> jdbi.inTransaction(handle -> {
            Db inTx = new InHandle(handle);
            return work.run(new SqlPrincipalStore(inTx), new SqlTokenStore(inTx));
        }));
    }

    @Override
    public void close() {
        // Connections are opened per call and closed after it: nothing stays open.
    }

    private <T> T locked(Supplier<T> body) {
        writeLock.lock();
        try {
            return body.get();
        } finally {
            writeLock.unlock();
        }
    }

    private final class PerCall implements Db {
        @Override
        public <T> T read(HandleCallback<T, RuntimeException> work) {
            return jdbi.withHandle(work);
        }

        @Override
        public <T> T write(HandleCallback<T, RuntimeException> work) {
            return locked(() -> jdbi.inTransaction(work));
        }
    }

    private record InHandle(Handle handle) implements Db {
        @Override
        public <T> T read(HandleCallback<T, RuntimeException> work) {
            return work.withHandle(handle);
        }

        @Override
        public <T> T write(HandleCallback<T, RuntimeException> work) {
            return work.withHandle(handle);
        }
    }
}
