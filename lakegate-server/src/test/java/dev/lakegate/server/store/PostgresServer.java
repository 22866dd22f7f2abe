package dev.lakegate.server.store;

import dev.lakegate.server.config.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for tests, from the Debian package's {@code initdb} and
 * {@code pg_ctl}: a new cluster in a temp folder, listening on a free loopback port with password
 * authentication, no Unix socket and no fsync. PostgreSQL refuses to run as root, so as root the
 * binaries run as the package's {@code postgres} user. Each {@link #createDatabase()} is a new
 * database owned by role {@value #ROLE}, no superuser, as docs/operations.md sets one up.
 *
 * <p>{@link #shared()} is the one server of a test run (store tests, several gateways in e2e).
 */
public final class PostgresServer implements AutoCloseable {
    public static final String ROLE = "lakegate";
    private static final String SUPERUSER = "postgres";
    private static final String INSTALL = "install the Debian package: apt-get install -y postgresql (.ci/run does)";
    private static PostgresServer shared;
    private static RuntimeException sharedFailure;

    private final Path bin;
    private final Path root;
    private int port;
    private final String superuserPassword = UUID.randomUUID().toString();
    private final String rolePassword = UUID.randomUUID().toString();
    private final AtomicInteger databases = new AtomicInteger();
    private boolean stopped;

    private PostgresServer(Path bin, Path root, int port) {
        this.bin = bin;
        this.root = root;
        this.port = port;
    }

    /**
     * The server of this test run, started on first use and stopped when the JVM exits. Without the
     * binaries the calling test fails in CI ({@code CI=true}) and is skipped elsewhere, with the reason.
     */
    public static synchronized PostgresServer shared() {
        if (shared == null && sharedFailure == null) {
            Optional<Path> bin = binaries();
            if (bin.isEmpty()) {
                String reason = "PostgreSQL server binaries (initdb, pg_ctl) are not under /usr/lib/postgresql/*/bin nor on PATH: " + INSTALL;
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException(reason);
                }
                Assumptions.abort(reason);
            }
            try {
                shared = start(bin.get());
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-stop"));
            } catch (RuntimeException e) {
                sharedFailure = e; // failing once is enough: later tests report the same cause at once
            }
        }
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        return shared;
    }

    /** The newest Debian installation, else the folder that {@code initdb} on PATH really lives in. */
    static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Optional<Path> debian = versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/initdb")) && Files.isExecutable(v.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
            if (debian.isPresent()) {
                return debian;
            }
        } catch (IOException e) {
            // no Debian layout: try PATH
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path initdb = Path.of(dir, "initdb");
            if (!dir.isEmpty() && Files.isExecutable(initdb)) {
                try {
                    Path real = initdb.toRealPath().getParent(); // /usr/local/bin/initdb may be a link into the package
                    if (Files.isExecutable(real.resolve("pg_ctl"))) {
                        return Optional.of(real);
                    }
                } catch (IOException e) {
                    // a dangling link: keep looking
                }
            }
        }
        return Optional.empty();
    }

    /** Creates a cluster in a new temp folder and starts it; a taken port is retried with another. */
    public static PostgresServer start(Path bin) {
        Path root;
        try {
            root = Files.createTempDirectory("lakegate-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            asServerUser(root);
            PostgresServer server = new PostgresServer(bin, root, freePort());
            server.initdb();
            return server.startOn(3);
        } catch (IOException e) {
            deleteTree(root);
            throw new UncheckedIOException("cannot prepare a PostgreSQL cluster: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteTree(root);
            throw e;
        }
    }

    /** A new, empty database owned by {@value #ROLE}, with the cluster's C collation. */
    public DatabaseConfig createDatabase() {
        String name = "lakegate_" + databases.incrementAndGet();
        superuser("CREATE DATABASE " + name + " OWNER " + ROLE);
        return DatabaseConfig.of(url(name), ROLE, rolePassword);
    }

    /** Stops the server at once (its data is thrown away) and deletes its folder. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(pg("pg_ctl"), "-D", data(), "-m", "immediate", "-w", "stop"));
        } finally {
            deleteTree(root);
        }
    }

    private void initdb() throws IOException {
        Path pwfile = root.resolve("superuser.pw");
        Files.writeString(pwfile, superuserPassword);
        asServerUser(pwfile);
        run(List.of(pg("initdb"), "-D", data(), "-U", SUPERUSER, "--pwfile=" + pwfile, "--auth=scram-sha-256",
                "--locale=C", "--encoding=UTF8", "--no-sync", "--no-instructions"));
        Files.delete(pwfile);
        Files.writeString(root.resolve("data/postgresql.conf"), """
                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 200
                """, StandardOpenOption.APPEND);
    }

    private PostgresServer startOn(int attempts) {
        try {
            run(List.of(pg("pg_ctl"), "-D", data(), "-l", root.resolve("server.log").toString(), "-o", "-p " + port, "-w", "-t", "60",
                    "start"));
        } catch (IllegalStateException e) {
            if (attempts <= 1) {
                throw e;
            }
            port = freePort(); // another process took the port meanwhile
            return startOn(attempts - 1);
        }
        superuser("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + rolePassword + "'");
        return this;
    }

    private void superuser(String sql) {
        try (Connection c = DriverManager.getConnection(url(SUPERUSER), SUPERUSER, superuserPassword); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL on port " + port + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private String pg(String tool) {
        return bin.resolve(tool).toString();
    }

    private String data() {
        return root.resolve("data").toString();
    }

    /** Runs a PostgreSQL tool, as {@code postgres} when we are root; its output goes to the cluster's folder. */
    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        full.addAll(command);
        Path log = root.resolve("tools.log");
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed (exit " + p.exitValue() + "):\n" + tail(log)
                        + tail(root.resolve("server.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", full), e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void asServerUser(Path path) throws IOException {
        if (isRoot()) {
            try {
                Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER));
            } catch (UserPrincipalNotFoundException e) {
                throw new IllegalStateException("as root, PostgreSQL runs as user '" + SUPERUSER + "', which does not exist: " + INSTALL, e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
