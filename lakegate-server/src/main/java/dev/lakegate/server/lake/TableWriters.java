package dev.lakegate.server.lake;

import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.wal.BackPressureException;
import dev.lakegate.lake.wal.DurableTableWriter;
import dev.lakegate.lake.wal.WalOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable writers of this process (OTLP rows, and later usage rows), one per table, opened on
 * first use and kept open. A writer's log lives in {@code <dataDir>/wal/<id>/}, where the id is a
 * hash of the table's location; a sidecar {@code <id>.location} names the table, so that on start
 * every log left with rows by a previous run is reopened and committed without waiting for the
 * table's next write.
 */
public final class TableWriters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableWriters.class);
    private static final String SIDECAR = ".location";

    private final DeltaTables delta;
    private final Path dataDir;
    private final Path walRoot;
    private final WalOptions options;
    private final Map<String, DurableTableWriter> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public TableWriters(DeltaTables delta, Path dataDir, WalOptions options) {
        this.delta = delta;
        this.dataDir = dataDir;
        this.walRoot = dataDir.resolve("wal");
        this.options = options;
    }

    /** Reopens the logs a previous run left behind, so their rows reach their tables. */
    public void recover() {
        if (!Files.isDirectory(walRoot)) {
            return;
        }
        try (DirectoryStream<Path> sidecars = Files.newDirectoryStream(walRoot, "*" + SIDECAR)) {
            for (Path sidecar : sidecars) {
                String location = Files.readString(sidecar, StandardCharsets.UTF_8);
                if (!delta.exists(location)) {
                    LOG.warn("write-ahead log {} belongs to {}, which is no longer a Delta table; its rows are kept but not committed",
                            sidecar.getFileName(), location);
                    continue;
                }
                writer(location);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the write-ahead logs in " + walRoot, e);
        }
    }

    /** The writer of the Delta table at {@code location}, opened (and its log replayed) on first use. */
    public DurableTableWriter writer(String location) {
        if (closed) {
            throw new IllegalStateException("the gateway is shutting down");
        }
        return open.computeIfAbsent(id(location), id -> {
            try {
                Files.createDirectories(walRoot);
                Files.writeString(walRoot.resolve(id + SIDECAR), location, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot record the write-ahead log of " + location, e);
            }
            return DurableTableWriter.open(delta.open(location), dataDir, id, options);
        });
    }

    /**
     * Refuses at once, before a request body is read and decoded, when the table's log is already
     * full of uncommitted rows: a refused export then costs nothing that the committer needs.
     *
     * @throws BackPressureException the log holds its bound of uncommitted rows or bytes
     */
    public void admit(String location) {
        writer(location).admit();
    }

    /**
     * Before a table is dropped: commits what its writer holds (rows that were acknowledged before
     * the drop), closes it and removes its log.
     */
    public void retire(String location) {
        String id = id(location);
        DurableTableWriter writer = open.remove(id);
        if (writer != null) {
            writer.close();
        }
        try {
            deleteTree(walRoot.resolve(id));
            Files.deleteIfExists(walRoot.resolve(id + SIDECAR));
        } catch (IOException e) {
            LOG.warn("could not remove the write-ahead log of dropped table {}: {}", location, e.toString());
        }
    }

    /** Commits what every writer holds (within the close timeout) and releases the logs. */
    @Override
    public void close() {
        closed = true;
        List<DurableTableWriter> writers = new ArrayList<>(open.values());
        open.clear();
        writers.parallelStream().forEach(DurableTableWriter::close);
    }

    static String id(String location) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
            return "t-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
