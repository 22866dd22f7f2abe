package dev.lakegate.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import dev.lakegate.server.config.DatabaseConfig;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scale-out store: one PostgreSQL database shared by several gateways, each through a small pool. */
final class PostgresPool {
    static final String PREFIX = "jdbc:postgresql:";
    /** The advisory lock every control-plane write holds until it commits: "lakegate" in ASCII. */
    static final long WRITE_LOCK = 0x6c616b6567617465L;
    private static final Set<String> BYTE_ORDERED = Set.of("C", "POSIX");
    private static final Logger LOG = LoggerFactory.getLogger(PostgresPool.class);

    private PostgresPool() {}

    static boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith(PREFIX);
    }

    static HikariDataSource open(DatabaseConfig config) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("lakegate-control-plane");
        pool.setJdbcUrl(config.url());
        pool.setUsername(config.user());
        pool.setPassword(config.password());
        pool.setMaximumPoolSize(config.poolSize());
        // Callers cache what they read, so the control plane sees little traffic: keep few connections idle.
        pool.setMinimumIdle(Math.min(2, config.poolSize()));
        pool.setConnectionTimeout(config.connectTimeoutMs());
        // A database started together with the gateways (compose, a test) gets as long to accept connections.
        pool.setInitializationFailTimeout(config.connectTimeoutMs());
        // A write waits for another gateway's write as long as a SQLite connection waits on a busy file.
        pool.addDataSourceProperty("options", "-c lock_timeout=" + config.connectTimeoutMs());
        pool.addDataSourceProperty("ApplicationName", "lakegate");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (PoolInitializationException e) {
            String reason = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            throw new IllegalStateException("cannot connect to the control-plane database " + config.url() + " as '" + config.user()
                    + "': " + reason + "; check database.url, database.user and " + DatabaseConfig.PASSWORD_ENV, e);
        }
        try {
            Jdbi.create(dataSource).useHandle(h -> h.createQuery("SELECT datcollate, datctype FROM pg_database WHERE datname = current_database()")
                    .map((rs, ctx) -> collationWarning(rs.getString(1), rs.getString(2), config.url())).one()
                    .ifPresent(LOG::warn));
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    /** Holds the write lock until the transaction ends; waits at most {@code lock_timeout}. */
    static void lockWrites(Handle h) {
        h.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", WRITE_LOCK).mapToMap().one();
    }

    /**
     * SQLite compares, sorts and lower-cases text byte by byte (ASCII letters only). PostgreSQL does
     * the same in the C collation; in another one, names sort differently and {@code LOWER} also folds
     * non-ASCII letters, so "Ä" and "ä" would become one principal name.
     */
    static Optional<String> collationWarning(String collate, String ctype, String url) {
        if (BYTE_ORDERED.contains(collate) && BYTE_ORDERED.contains(ctype)) {
            return Optional.empty();
        }
        return Optional.of("the control-plane database " + url + " uses LC_COLLATE " + collate + " and LC_CTYPE " + ctype
                + ": names will sort and match ignoring case differently than on SQLite; create the database"
                + " with TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C' (docs/operations.md)");
    }
}
