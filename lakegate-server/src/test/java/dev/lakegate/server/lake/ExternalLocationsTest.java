package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.testing.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where external tables ({@code LOCATION}) may go: without {@code lake.external_locations} admins place them
 * anywhere and no one else may create them; with it, everyone (admins too) stays inside the listed folders. Nothing is
 * written where a refused statement pointed.
 */
class ExternalLocationsTest {
    @TempDir
    Path dir;

    @Test
    void withoutAListOnlyAdminsCreateExternalTables() throws Exception {
        try (TestGateway gateway = TestGateway.start()) {
            LakeClient lake = new LakeClient(gateway);
            String bob = creator(lake);
            Path outside = dir.resolve("bobs");
            assertDenied(lake.failed(bob, "CREATE TABLE main.ext.t (a INT) LOCATION '" + outside + "'"),
                    "bob may not create an external table (LOCATION): only admins may");
            assertThat(outside).doesNotExist();
            assertDenied(lake.failed(bob, "CREATE TABLE main.ext.t LOCATION '" + outside + "'"), "bob may not create an external table");
            lake.ok(bob, "CREATE TABLE main.ext.managed (a INT)"); // a managed table needs no LOCATION
            lake.admin("CREATE TABLE main.ext.admins (a INT) LOCATION '" + dir.resolve("admins") + "'");
            assertThat(dir.resolve("admins/_delta_log")).isDirectory();
        }
    }

    @Test
    void withAListEveryoneStaysInsideIt() throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        String sections = "lake: {external_locations: ['" + allowed + "', 's3a://bucket/shared']}\n";
        try (TestGateway gateway = TestGateway.start("", "", "", sections)) {
            LakeClient lake = new LakeClient(gateway);
            String bob = creator(lake);
            lake.ok(bob, "CREATE TABLE main.ext.inside (a INT) LOCATION '" + allowed.resolve("bob/t") + "'");
            lake.ok(bob, "INSERT INTO main.ext.inside VALUES (1)");
            assertThat(allowed.resolve("bob/t/_delta_log")).isDirectory();
            for (String location : new String[] {dir.resolve("elsewhere").toString(), allowed + "-sibling/t", "/etc", "file:/etc",
                    "s3a://bucket/other/t"}) {
                for (String who : new String[] {bob, gateway.adminToken()}) {
                    assertDenied(lake.failed(who, "CREATE TABLE main.ext.out (a INT) LOCATION '" + location + "'"),
                            "LOCATION '" + location + "' is outside the external locations this gateway allows");
                }
            }
            assertThat(dir.resolve("elsewhere")).doesNotExist();
            assertThat(Path.of(allowed + "-sibling")).doesNotExist();
            assertThat(Path.of("/etc/_delta_log")).doesNotExist();
            // Traversal out of an allowed folder is refused before the list is consulted.
            JsonNode traversal = lake.failed(bob, "CREATE TABLE main.ext.up (a INT) LOCATION '" + allowed + "/../escape'");
            assertThat(traversal.path("message").asText()).contains("'..' segment");
        }
    }

    @Test
    void aListWithAnInvalidLocationIsAStartupError() {
        assertThatThrownBy(() -> TestGateway.start("", "", "", "lake: {external_locations: ['relative/path']}\n"))
                .hasStackTraceContaining("lake.external_locations: LOCATION 'relative/path' must be an absolute path");
    }

    /** Schema main.ext, and bob, who may create tables in it: the token of bob. */
    private static String creator(LakeClient lake) throws Exception {
        lake.admin("CREATE CATALOG main");
        lake.admin("CREATE SCHEMA main.ext");
        String bob = lake.user("bob");
        lake.admin("GRANT USE CATALOG ON CATALOG main TO bob");
        lake.admin("GRANT USE SCHEMA, CREATE TABLE, MODIFY ON SCHEMA main.ext TO bob");
        return bob;
    }

    private static void assertDenied(JsonNode error, String message) {
        assertThat(error.path("error_code").asText()).as(error.toString()).isEqualTo("PERMISSION_DENIED");
        assertThat(error.path("message").asText()).startsWith(message);
    }
}
