package dev.lakegate.server.store;

import java.nio.file.Path;

/**
 * The control-plane store: principals and tokens today; groups, grants, limits and endpoint
 * configuration later. The embedded default is one SQLite file; PostgreSQL (shared by several
 * gateways) implements the same interface. Nothing here is on the request hot path: callers
 * cache what they read.
 */
public interface ControlPlane extends AutoCloseable {

    PrincipalStore principals();

    TokenStore tokens();

    /** Runs {@code work} as one transaction; writes are serialised where the database needs it. */
    <T> T inTransaction(Work<T> work);

    @Override
    void close();

    /** Opens (creating and migrating as needed) the store behind a JDBC URL. */
    static ControlPlane open(String jdbcUrl) {
        return SqlControlPlane.open(jdbcUrl);
    }

    /** Opens the embedded default, {@code <dataDir>/lakegate.db}, creating the folder if needed. */
    static ControlPlane openDataDir(Path dataDir) {
        return open(EmbeddedSqlite.urlFor(dataDir));
    }

    /** A unit of work against both stores inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(PrincipalStore principals, TokenStore tokens);
    }
}
