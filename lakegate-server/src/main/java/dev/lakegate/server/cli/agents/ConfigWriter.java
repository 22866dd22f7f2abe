package dev.lakegate.server.cli.agents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Writes configuration files: an existing file that changes is first copied to
 * {@code <file>.bak-<yyyyMMdd-HHmmss>}; the new content replaces it atomically, keeping its
 * permissions. New files are readable by their owner only, since they hold a token.
 */
final class ConfigWriter {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** What happened to one file; {@code backup} is null when nothing was backed up. */
    record Written(Path path, boolean created, boolean changed, Path backup) {}

    private final Clock clock;

    ConfigWriter(Clock clock) {
        this.clock = clock;
    }

    Written write(FileChange change) {
        Path path = change.path();
        if (!change.changed()) {
            return new Written(path, false, false, null);
        }
        try {
            Files.createDirectories(path.getParent());
            Path backup = null;
            if (Files.exists(path)) {
                String current = Files.readString(path, StandardCharsets.UTF_8);
                if (!current.equals(change.before())) {
                    throw new ConfigFailure(path + " changed while it was being configured; run again");
                }
                backup = backupName(path);
                Files.copy(path, backup, StandardCopyOption.COPY_ATTRIBUTES);
            }
            Path temp = Files.createTempFile(path.getParent(), "." + path.getFileName() + ".", ".tmp");
            try {
                Files.writeString(temp, change.after(), StandardCharsets.UTF_8);
                if (posix()) {
                    Files.setPosixFilePermissions(temp, backup != null ? Files.getPosixFilePermissions(path) : OWNER_ONLY);
                }
                move(temp, path);
            } finally {
                Files.deleteIfExists(temp);
            }
            return new Written(path, change.creates(), true, backup);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private Path backupName(Path path) {
        String base = path.getFileName() + ".bak-" + LocalDateTime.now(clock).format(STAMP);
        Path candidate = path.resolveSibling(base);
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = path.resolveSibling(base + "-" + n);
        }
        return candidate;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
