package dev.lakegate.server.store;

/**
 * The control-plane store: principals, tokens, groups, endpoint permissions and endpoint ai-gateway
 * settings. It lives in a {@link StoreDatabase}, the embedded SQLite file or a PostgreSQL shared by
 * several gateways, with the same behaviour on both. Nothing here is on the request hot path:
 * callers cache what they read.
 */
public interface ControlPlane {

    PrincipalStore principals();

    TokenStore tokens();

    GroupStore groups();

    EndpointAclStore endpointAcls();

    EndpointSettingsStore endpointSettings();

    /**
     * The change version: it moves with every committed control-plane change made by any gateway on this
     * database. {@link ChangeFeed} polls it to drop caches.
     */
    long version();

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
