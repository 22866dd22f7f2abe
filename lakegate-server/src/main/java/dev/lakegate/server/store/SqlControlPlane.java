package dev.lakegate.server.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/** The control plane through JDBI on a {@link StoreDatabase}, whose transactions are serialised writes. */
final class SqlControlPlane implements ControlPlane {
    private final Jdbi jdbi;
    private final Db perCall = new PerCall();
    private final PrincipalStore principals = new SqlPrincipalStore(perCall);
    private final TokenStore tokens = new SqlTokenStore(perCall);

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
    public <T> T inTransaction(Work<T> work) {
        return jdbi.inTransaction(handle -> {
            Db inTx = new InHandle(handle);
            return work.run(new SqlPrincipalStore(inTx), new SqlTokenStore(inTx));
        });
    }

    private final class PerCall implements Db {
        @Override
        public <T> T read(HandleCallback<T, RuntimeException> work) {
            return jdbi.withHandle(work);
        }

        @Override
        public <T> T write(HandleCallback<T, RuntimeException> work) {
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
            return work.withHandle(handle);
        }
    }
}
