package dev.lakegate.server.store;

import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Makes every transaction on the control-plane database a write that runs alone: across threads by
 * a lock, across gateway processes by the database (SQLite: {@code BEGIN IMMEDIATE} takes the
 * file's write lock; PostgreSQL: {@code databaseLock}, an advisory lock held to the end of the
 * transaction). So a check followed by a write (a free name, the last admin, a location no other
 * table uses) stays correct with several gateways on one database, without retry loops. Reads run
 * outside transactions and are never held up; control-plane writes are few, so queueing them is cheap.
 */
final class SerialWrites extends DelegatingTransactionHandler {
    private final ReentrantLock lock;
    private final Consumer<Handle> databaseLock;

    SerialWrites(TransactionHandler delegate, ReentrantLock lock, Consumer<Handle> databaseLock) {
        super(delegate);
        this.lock = lock;
        this.databaseLock = databaseLock;
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        // JDBI binds a handler to each handle; keep the wrapper around the bound one.
        return new SerialWrites(getDelegate().specialize(handle), lock, databaseLock);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        lock.lock();
        try {
            return super.inTransaction(handle, locked(callback));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback)
            throws X {
        lock.lock();
        try {
            return super.inTransaction(handle, level, locked(callback));
        } finally {
            lock.unlock();
        }
    }

    private <R, X extends Exception> HandleCallback<R, X> locked(HandleCallback<R, X> callback) {
        return h -> {
            databaseLock.accept(h);
            return callback.withHandle(h);
        };
    }
}
