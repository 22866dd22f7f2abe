package dev.lakegate.server.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakegate.server.config.DatabaseConfig;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The control-plane database, the embedded SQLite file or a PostgreSQL shared by several gateways,
 * migrated when opened. The control plane ({@link ControlPlane#on}) and the catalog work on its
 * {@link #jdbi()}, where every transaction is a serialised write ({@link SerialWrites}); budget
 * counters work on {@link #counters()}, where they are not. Whoever opens it closes it.
 */
public final class StoreDatabase implements AutoCloseable {
    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final Jdbi counters;

    /** @param embedded the SQLite file, where one connection writes at a time */
    private StoreDatabase(DataSource dataSource, Consumer<Handle> databaseLock, boolean embedded) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        jdbi.setTransactionHandler(new SerialWrites(jdbi.getTransactionHandler(), new ReentrantLock(), databaseLock));
        // Queries with an optional filter bind it whether or not the SQL uses it.
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        this.counters = Jdbi.create(dataSource);
        if (embedded) {
            // SQLite lets one connection write at a time anyway: queue this process's counter transactions on a lock
            // of their own (never the control plane's) instead of in SQLite's busy handler, whose sleeps grow to 100 ms.
            counters.setTransactionHandler(new SerialWrites(counters.getTransactionHandler(), new ReentrantLock(), h -> {}));
        }
    }

    /**
     * Opens and migrates the database {@code config} names, or the embedded one in {@code dataDir}
     * when it names none (creating the folder as needed).
     */
    public static StoreDatabase open(DatabaseConfig config, Path dataDir) {
        String url = config.url() == null ? EmbeddedSqlite.urlFor(dataDir) : config.url();
        if (EmbeddedSqlite.accepts(url)) {
            // BEGIN IMMEDIATE already takes the file's write lock.
            return migrated(EmbeddedSqlite.dataSource(url, Math.toIntExact(config.connectTimeoutMs())), h -> {}, true,
                    config.connectTimeoutMs());
        }
        if (PostgresPool.accepts(url)) {
            return migrated(PostgresPool.open(config), PostgresPool::lockWrites, false, 0);
        }
        throw new IllegalArgumentException("unsupported control-plane database URL " + url
                + ": use jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<database>");
    }

    /** The embedded default, {@code <dataDir>/lakegate.db}. */
    public static StoreDatabase openDataDir(Path dataDir) {
        return open(DatabaseConfig.EMBEDDED, dataDir);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * The same database for hot counters (budgets): short transactions that decide with a conditional UPDATE of
     * the row they change ({@code … WHERE spent + reserved + :e <= limit}, {@code … WHERE state = 'RESERVED'}),
     * which holds that row until commit, so no check goes stale and several gateways need no global order. They
     * must not queue behind the serialised control-plane writes: on PostgreSQL they take no advisory lock, only
     * row locks; on SQLite they take the file's write lock like every write, briefly.
     */
    public Jdbi counters() {
        return counters;
    }

    /** Releases the PostgreSQL pool; SQLite holds no connection between calls. */
    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    /** @param busyRetryMs how long to retry a migration that SQLite refused as busy (0: no retry) */
    private static StoreDatabase migrated(DataSource dataSource, Consumer<Handle> databaseLock, boolean embedded, long busyRetryMs) {
        StoreDatabase database = new StoreDatabase(dataSource, databaseLock, embedded);
        try {
            long deadline = System.nanoTime() + busyRetryMs * 1_000_000;
            while (!migrate(dataSource, System.nanoTime() - deadline < 0)) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            database.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while migrating the control-plane database", e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * Applies pending migrations, the same files on both databases; a no-op when up to date, so safe on
     * every start, also of several gateways on one PostgreSQL at once (Flyway holds an advisory lock).
     */
    private static boolean migrate(DataSource dataSource, boolean mayRetry) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            return true;
        } catch (RuntimeException e) {
            // A fresh SQLite file is switched to WAL mode by its first connection; another process opening it at
            // that moment is refused at once (SQLITE_BUSY) instead of waiting out the busy timeout: try again.
            if (mayRetry && busy(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean busy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("SQLITE_BUSY")) {
                return true;
            }
        }
        return false;
    }
}
