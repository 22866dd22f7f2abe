package dev.lakegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-of-suite scanner finds planted secrets wherever a gateway could write them, and only those. The plants are
 * deleted whatever the suite's clean-up mode, or the scan after the suite would report them.
 */
class SecretScannerTest {
    static final String KNOWN = "test-admin-3f1c7a52-9a51-4df0-8d0e-1c1f5a0b7e21";
    static final String TOKEN_SHAPED = "lg_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE";

    @Test
    void plantedSecretsAreFoundInTextLogsDatabasesAndParquet(@TempDir(cleanup = CleanupMode.ALWAYS) Path dir) throws Exception {
        Files.writeString(dir.resolve("gateway.log"), "INFO request from Bearer " + KNOWN + " done\n" + KNOWN);
        Files.write(dir.resolve("lakegate.db-wal"), ("\0\1page\0" + TOKEN_SHAPED + "\0").getBytes());
        Path parquet = dir.resolve("part-0.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT 'r' || i AS request_id, CASE WHEN i = 500 THEN '" + TOKEN_SHAPED + "' ELSE repeat('x', 40) END AS note"
                    + " FROM range(1000) t(i)) TO '" + parquet + "' (FORMAT parquet, COMPRESSION zstd)");
        }
        Files.writeString(dir.resolve("clean.txt"), "token tok_0123abcd, hash " + "ab".repeat(32) + ", lg_short");

        SecretScanner.Report report = new SecretScanner(Set.of(KNOWN)).scan(List.of(dir));

        assertThat(report.files()).isEqualTo(4);
        assertThat(report.parquetFiles()).isEqualTo(1);
        assertThat(report.parquetRows()).isEqualTo(1000);
        assertThat(report.hits()).extracting(h -> h.file().getFileName().toString(), SecretScanner.Hit::count)
                .containsExactlyInAnyOrder(tuple("gateway.log", 2), tuple("lakegate.db-wal", 1),
                        tuple("part-0.parquet", 1));
        assertThat(report.hits()).allSatisfy(h -> assertThat(h.kind()).doesNotContain(KNOWN).doesNotContain(TOKEN_SHAPED));
        assertThat(report.summary()).contains("4 files", "1 Parquet files", "1000 rows", "1 secrets known", "3 hits");
    }

    @Test
    void aSecretAcrossTwoReadsIsFoundOnce(@TempDir(cleanup = CleanupMode.ALWAYS) Path dir) throws Exception {
        int chunk = 8 << 20;
        StringBuilder log = new StringBuilder("x".repeat(chunk - 20)).append(KNOWN).append(' ').append(TOKEN_SHAPED).append('\n');
        log.append("y".repeat(chunk - log.length() + chunk - 5)).append(' ').append(TOKEN_SHAPED).append('\n').append("z".repeat(100));
        Files.writeString(dir.resolve("big.log"), log);
        SecretScanner.Report report = new SecretScanner(Set.of(KNOWN)).scan(List.of(dir));
        assertThat(report.hits()).extracting(SecretScanner.Hit::kind, SecretScanner.Hit::count)
                .containsExactlyInAnyOrder(tuple("known secret test-a…(47 chars)", 1), tuple("token-shaped string (lg_…)", 2));
    }

    @Test
    void theAdminTokenServePrintsOnceIsTheOnlyAllowedSighting(@TempDir(cleanup = CleanupMode.ALWAYS) Path dir) throws Exception {
        Files.writeString(dir.resolve("serve-gateway.log"), "\nAdmin token (shown once; store it now): " + TOKEN_SHAPED + "\n\n");
        assertThat(new SecretScanner(Set.of()).scan(List.of(dir)).hits()).isEmpty();
        Files.writeString(dir.resolve("serve-gateway.log"), "token " + TOKEN_SHAPED + " refused\n");
        assertThat(new SecretScanner(Set.of()).scan(List.of(dir)).hits()).hasSize(1);
    }
}
