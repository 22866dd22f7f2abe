package dev.lakegate.server.store;

import dev.lakegate.server.config.DatabaseConfig;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The databases the control-plane stores run on; a store test runs on each with
 * {@code @ParameterizedClass @EnumSource(TestDatabase.class)}.
 */
public enum TestDatabase {
    SQLITE,
    /** A database in the run's {@link PostgresServer#shared() PostgreSQL server}. */
    POSTGRES;

    private static final AtomicInteger FILES = new AtomicInteger();

    /** A new, empty database; a SQLite file goes into {@code dir}. */
    public DatabaseConfig fresh(Path dir) {
        return switch (this) {
            case SQLITE -> DatabaseConfig.of("jdbc:sqlite:" + dir.resolve("lakegate-" + FILES.incrementAndGet() + ".db"), null, null);
            case POSTGRES -> PostgresServer.shared().createDatabase();
        };
    }
}
