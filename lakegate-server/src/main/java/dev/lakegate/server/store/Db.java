package dev.lakegate.server.store;

import org.jdbi.v3.core.HandleCallback;

/** How a store reaches the database: per call, or inside a surrounding transaction. */
interface Db {

    <T> T read(HandleCallback<T, RuntimeException> work);

    <T> T write(HandleCallback<T, RuntimeException> work);
}
