package dev.lakegate.server.store;

/**
 * The control-plane store: principals and tokens today; groups, grants, limits and endpoint
 * configuration later. It lives in a {@link StoreDatabase}, the embedded SQLite file or a PostgreSQL
 * shared by several gateways, with the same behaviour on both. Nothing here is on the request hot
 * path: callers cache what they read.
 */
public interface ControlPlane {

    PrincipalStore principals();

    TokenStore tokens();

    /** Runs {@code work} as one transaction, serialised with every other write (also of other gateways). */
    <T> T inTransaction(Work<T> work);

    /** The control plane in an open database; closing the database is its opener's business. */
    static ControlPlane on(StoreDatabase database) {
        return new SqlControlPlane(database.jdbi());
    }

    /** A unit of work against both stores inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(PrincipalStore principals, TokenStore tokens);
    }
}
