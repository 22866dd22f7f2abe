package dev.lakegate.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * The harness's side of the end-of-suite secret scan ({@code test.sh} sets {@code LAKEGATE_SECRET_SCAN} to a folder
 * under {@code target/}): secrets the harness mints are written down so the scanner knows them, and what the
 * gateways wrote is kept there instead of being deleted. Off (every method a no-op) when the variable is unset.
 */
public final class SecretScan {
    public static final String ENV = "LAKEGATE_SECRET_SCAN";
    private static final Optional<Path> DIR = Optional.ofNullable(System.getenv(ENV)).filter(s -> !s.isBlank()).map(Path::of);
    /** One file per test JVM, so that parallel forks never interleave lines. */
    private static final String JVM = ProcessHandle.current().pid() + "-" + UUID.randomUUID();

    private SecretScan() {}

    public static boolean enabled() {
        return DIR.isPresent();
    }

    /** Where a test keeps its data folders while scanning is on. */
    public static Optional<Path> dataRoot() throws IOException {
        if (DIR.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Files.createDirectories(DIR.get().resolve("data")));
    }

    /** Remembers a secret the harness handed to or got from a gateway; the scanner then looks for it everywhere. */
    public static void secret(String value) {
        append("secrets", value + "\n");
    }

    /** Keeps something a gateway answered (an error body, a metrics scrape) for the scanner. */
    public static void answer(String what, String body) {
        append("answers", "=== " + what + "\n" + body + "\n");
    }

    private static synchronized void append(String kind, String text) {
        if (DIR.isEmpty() || text == null) {
            return;
        }
        try {
            Path file = Files.createDirectories(DIR.get().resolve(kind)).resolve(JVM + ".txt");
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the secret scan folder " + DIR.get(), e);
        }
    }
}
