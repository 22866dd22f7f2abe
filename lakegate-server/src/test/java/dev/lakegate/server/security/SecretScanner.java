package dev.lakegate.server.security;

import dev.lakegate.server.provider.ScriptedCredential;
import dev.lakegate.server.testing.SecretScan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The end-of-suite secret scan ({@code test.sh} runs it after Maven): every secret the harness wrote down
 * ({@link SecretScan}), the scripted provider's key, and anything shaped like a Lakegate
 * token ({@code lg_} + 43 base64url characters) is looked for in everything the gateways wrote — the kept data folders
 * (control-plane database and its WAL, write-ahead logs, Delta logs, Parquet read row by row through DuckDB), gateway
 * process logs, the tests' captured output, and the answers the harness kept (error bodies, dashboard, metrics).
 * Prints what it scanned and every hit (file and kind, never the secret); exits 1 on a hit, 2 when there was nothing to scan.
 *
 * <p>Usage: {@code SecretScanner <scan folder> <repository root>}.
 */
public final class SecretScanner {
    static final Pattern TOKEN = Pattern.compile("lg_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");
    private static final int TOKEN_LENGTH = 46;
    private static final int CHUNK = 8 << 20;
    /** {@code lakegate serve} prints a generated admin token once, by design (SPEC §3); only that line is allowed. */
    private static final Pattern SHOWN_ONCE = Pattern.compile("Admin token \\(shown once; store it now\\): lg_[A-Za-z0-9_-]{43}");
    private static final int SHOWN_ONCE_PREFIX = "Admin token (shown once; store it now): ".length();

    record Hit(Path file, String kind, int count) {}

    record Report(long files, long bytes, long parquetFiles, long parquetRows, int secretsKnown, List<Hit> hits) {
        String summary() {
            return "secret scan: %d files, %d bytes (%d Parquet files, %d rows read through DuckDB), %d secrets known + the token pattern, %d hits"
                    .formatted(files, bytes, parquetFiles, parquetRows, secretsKnown, hits.size());
        }
    }

    private final List<String> secrets;
    private final List<Hit> hits = new ArrayList<>();
    private long files;
    private long bytes;
    private long parquetFiles;
    private long parquetRows;

    SecretScanner(Set<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SecretScanner <scan folder> <repository root>");
            System.exit(2);
        }
        Path scan = Path.of(args[0]);
        Path root = Path.of(args[1]);
        Set<String> secrets = knownSecrets(scan);
        List<Path> roots = new ArrayList<>(List.of(scan.resolve("tmp"), scan.resolve("data"), scan.resolve("answers")));
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(m -> m.resolve("target/surefire-reports")).filter(Files::isDirectory).forEach(roots::add);
        }
        Report report = new SecretScanner(secrets).scan(roots);
        for (Hit hit : report.hits()) {
            System.out.println("secret scan: HIT " + hit.kind() + " x" + hit.count() + " in " + hit.file());
        }
        System.out.println(report.summary());
        if (report.files() == 0 || secrets.isEmpty()) {
            System.out.println("secret scan: nothing to scan — was the suite run with " + SecretScan.ENV + " set?");
            System.exit(2);
        }
        System.exit(report.hits().isEmpty() ? 0 : 1);
    }

    /** The secrets the harness wrote down, and the key the scripted provider injects upstream. */
    static Set<String> knownSecrets(Path scan) throws IOException {
        Set<String> secrets = new LinkedHashSet<>();
        secrets.add(ScriptedCredential.KEY);
        Path dir = scan.resolve("secrets");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> lists = Files.list(dir)) {
                for (Path list : lists.toList()) {
                    Files.readAllLines(list).stream().filter(s -> !s.isBlank()).forEach(secrets::add);
                }
            }
        }
        return secrets;
    }

    Report scan(List<Path> roots) throws IOException, SQLException {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Path root : roots) {
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path file : walk.filter(Files::isRegularFile).toList()) {
                        scanFile(duck, file);
                    }
                }
            }
        }
        return new Report(files, bytes, parquetFiles, parquetRows, secrets.size(), List.copyOf(hits));
    }

    private void scanFile(Connection duck, Path file) throws IOException {
        files++;
        bytes += Files.size(file);
        String name = file.getFileName().toString();
        Map<String, Integer> found = new LinkedHashMap<>();
        if (name.endsWith(".parquet")) {
            check(parquetText(duck, file), 0, found);
        } else {
            // byte for byte: SQLite pages, WAL frames and logs keep text uncompressed; a UTF-8 secret is the same bytes here
            try (InputStream in = name.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
                scanChunks(in, found);
            }
        }
        found.forEach((kind, count) -> hits.add(new Hit(file, kind, count)));
    }

    /** In pieces, each led by the end of the one before, so that a secret across a boundary is seen (once). */
    private void scanChunks(InputStream in, Map<String, Integer> found) throws IOException {
        int overlap = Math.max(TOKEN_LENGTH, secrets.stream().mapToInt(String::length).max().orElse(0)) + SHOWN_ONCE_PREFIX;
        String tail = "";
        byte[] buffer;
        while ((buffer = in.readNBytes(CHUNK)).length > 0) {
            String text = tail + new String(buffer, StandardCharsets.ISO_8859_1);
            check(text, tail.length(), found);
            tail = text.substring(Math.max(0, text.length() - overlap));
        }
    }
    /** Every value of every row, as text: Parquet pages are compressed and encoded, so grepping their bytes proves nothing. */
    private String parquetText(Connection duck, Path file) {
        StringBuilder text = new StringBuilder();
        try (PreparedStatement read = duck.prepareStatement("SELECT * FROM read_parquet(?)")) {
            read.setString(1, file.toString());
            try (ResultSet rows = read.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    parquetRows++;
                    for (int c = 1; c <= columns; c++) {
                        text.append(rows.getString(c)).append('\n');
                    }
                }
            }
            parquetFiles++;
        } catch (SQLException e) {
            // a file being written when a test was killed: its bytes are still looked at
            text.append(e.getMessage());
        }
        return text.toString();
    }

    /** Counts what {@code text} holds, ignoring sightings that end within its first {@code seen} characters (already counted). */
    void check(String text, int seen, Map<String, Integer> found) {
        for (String secret : secrets) {
            for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
                if (at + secret.length() > seen) {
                    found.merge("known secret " + masked(secret), 1, Integer::sum);
                }
            }
        }
        List<int[]> allowed = new ArrayList<>();
        for (Matcher m = SHOWN_ONCE.matcher(text); m.find(); ) {
            allowed.add(new int[] {m.start(), m.end()});
        }
        for (Matcher m = TOKEN.matcher(text); m.find(); ) {
            int start = m.start();
            int end = m.end();
            if (end > seen && !secrets.contains(m.group()) && allowed.stream().noneMatch(a -> a[0] <= start && end <= a[1])) {
                found.merge("token-shaped string (lg_…)", 1, Integer::sum);
            }
        }
    }

    /** Enough to find the secret in the harness's list, never enough to use it. */
    static String masked(String secret) {
        return secret.substring(0, Math.min(6, secret.length() / 3)) + "…(" + secret.length() + " chars)";
    }
}
