package dev.lakegate.server.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options shared by {@code serve} and {@code demo}; each also reads its environment variable. */
final class ServerOptions {
    @Option(names = "--port", defaultValue = "${env:LAKEGATE_PORT}", description = "Listen port (env LAKEGATE_PORT; default 8080)")
    Integer port;

    @Option(names = "--data-dir", defaultValue = "${env:LAKEGATE_DATA_DIR}",
            description = "Folder for the control-plane database and tables (env LAKEGATE_DATA_DIR; default ./data)")
    Path dataDir;

    Path dataDir() {
        return dataDir != null ? dataDir : Path.of("data");
    }

    /** {@code LAKEGATE_ADMIN_TOKEN}, the bootstrap admin's token chosen by the operator. */
    static Optional<String> adminToken() {
        return Optional.ofNullable(System.getenv("LAKEGATE_ADMIN_TOKEN"));
    }
}
