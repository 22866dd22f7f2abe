package dev.lakegate.server.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The control plane through JDBI on a {@link StoreDatabase}, whose transactions are serialised writes.
 * Every write but last-used times bumps the one-row {@code control_version} in its own transaction,
 * so the version moves exactly when something other gateways cache has changed and committed.
 */
final class SqlControlPlane implements ControlPlane {
    private final Jdbi jdbi;
    private final Db perCall = new PerCall();
    private final PrincipalStore principals = new SqlPrincipalStore(perCall);
    private final TokenStore tokens = new SqlTokenStore(perCall);
    private final GroupStore groups = new SqlGroupStore(perCall);
    private final EndpointAclStore endpointAcls = new SqlEndpointAclStore(perCall);
    private final EndpointSettingsStore endpointSettings = new SqlEndpointSettingsStore(perCall);

    SqlControlPlane(Jdbi jdbi) {
        this.jdbi = jdbi;
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
    public GroupStore groups() {
        return groups;
    }

    @Override
    public EndpointAclStore endpointAcls() {
        return endpointAcls;
    }

    @Override
    public EndpointSettingsStore endpointSettings() {
        return endpointSettings;
    }

    @Override
    public long version() {
        return jdbi.withHandle(h -> h.createQuery("SELECT version FROM control_version WHERE id = 1").mapTo(Long.class).one());
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        return jdbi.inTransaction(handle -> {
            Db inTx = new InHandle(handle);
            return work.run(new SqlPrincipalStore(inTx), new SqlTokenStore(inTx));
        });
    }

    private static <T> T announced(Handle h, HandleCallback<T, RuntimeException> work) {
        T result = work.withHandle(h);
        h.createUpdate("UPDATE control_version SET version = version + 1 WHERE id = 1").execute();
        return result;
    }

    private final class PerCall implements Db {
        @Override
        public <T> T read(HandleCallback<T, RuntimeException> work) {
            return jdbi.withHandle(work);
        }

        @Override
        public <T> T write(HandleCallback<T, RuntimeException> work) {
            return jdbi.inTransaction(h -> announced(h, work));
        }

        @Override
        public <T> T writeQuietly(HandleCallback<T, RuntimeException> work) {
            return jdbi.inTransaction(work);
        }
    }

    private record InHandle(Handle handle) implements Db {
        @Override
        public <T> T read(HandleCallback<T, RuntimeException> work) {
            return work.withHandle(handle);
        }

        @Override
        public <T> T write(HandleCallback<T, RuntimeException> work) {
            return announced(handle, work);
        }

        @Override
        public <T> T writeQuietly(HandleCallback<T, RuntimeException> work) {
            return work.withHandle(handle);
        }
    }
}
