package dev.lakegate.server.store;

import org.jdbi.v3.core.HandleCallback;

/** How a store reaches the database: per call, or inside a surrounding transaction. */
interface Db {

    <T> T read(HandleCallback<T, RuntimeException> work);

    /** A control-plane change: it also bumps the change version, in the same transaction, so every gateway learns of it. */
    <T> T write(HandleCallback<T, RuntimeException> work);

    /** A write that no gateway caches (last-used times): the change version stays. */
    <T> T writeQuietly(HandleCallback<T, RuntimeException> work);
}
