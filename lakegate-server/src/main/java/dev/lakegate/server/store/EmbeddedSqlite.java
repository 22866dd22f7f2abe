package dev.lakegate.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded default: one SQLite file in WAL mode, each connection waiting on a busy database.
 * Transactions begin IMMEDIATE: they take the write lock first, so one that reads and then writes
 * queues (busy timeout) instead of failing to upgrade its lock while another process writes.
 */
final class EmbeddedSqlite {
    static final String PREFIX = "jdbc:sqlite:";
    static final String FILE_NAME = "lakegate.db";

    private EmbeddedSqlite() {}

    static String urlFor(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
        }
        return PREFIX + dataDir.resolve(FILE_NAME).toAbsolutePath();
    }

    static boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith(PREFIX);
    }

    /** @param busyTimeoutMs how long a connection waits for another writer (another process, or a checkpoint) */
    static DataSource dataSource(String jdbcUrl, int busyTimeoutMs) {
        String file = jdbcUrl.substring(PREFIX.length());
        if (file.isBlank() || file.contains(":memory:") || file.startsWith("file::memory")) {
            // Each connection of an in-memory database is a separate, empty database.
            throw new IllegalArgumentException("the control plane needs a SQLite file, not " + jdbcUrl
                    + ": use jdbc:sqlite:/path/to/lakegate.db");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL); // durable in WAL mode, fewer fsyncs
        config.setBusyTimeout(busyTimeoutMs);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(jdbcUrl);
        return ds;
    }
}
