package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.testing.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The Unity Catalog read API over HTTP: shapes, columns with type_json, and only what the caller may see. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnityCatalogApiTest {
    TestGateway gateway;
    LakeClient lake;
    String admin;
    String bob;

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start();
        lake = new LakeClient(gateway);
        admin = gateway.adminToken();
        bob = lake.user("bob");
        lake.admin("CREATE CATALOG main COMMENT 'the lake'");
        lake.admin("CREATE SCHEMA main.telemetry");
        lake.admin("CREATE SCHEMA main.secret");
        for (String signal : List.of("metrics", "logs", "spans")) {
            lake.admin(LakeClient.specDdl(signal, "main", "telemetry", "cc"));
        }
        lake.admin("GRANT USE CATALOG ON CATALOG main TO bob");
        lake.admin("GRANT USE SCHEMA ON SCHEMA main.telemetry TO bob");
        lake.admin("GRANT SELECT ON TABLE main.telemetry.cc_otel_metrics TO bob");
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void tableInfoHasColumnsTypesAndStorage() throws Exception {
        LakeClient.Answer answer = lake.uc(admin, "/tables/main.telemetry.cc_otel_metrics");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode t = answer.json();
        assertThat(t.path("full_name").asText()).isEqualTo("main.telemetry.cc_otel_metrics");
        assertThat(t.path("catalog_name").asText()).isEqualTo("main");
        assertThat(t.path("schema_name").asText()).isEqualTo("telemetry");
        assertThat(t.path("table_type").asText()).isEqualTo("MANAGED");
        assertThat(t.path("data_source_format").asText()).isEqualTo("DELTA");
        assertThat(t.path("properties").toString()).isEqualTo("{\"otel.schemaVersion\":\"v1\"}");
        assertThat(t.path("owner").asText()).isEqualTo("admin");
        assertThat(t.path("created_at").asLong()).isPositive();
        Path location = Path.of(t.path("storage_location").asText());
        assertThat(location.toString()).contains("/lake/main/telemetry/cc_otel_metrics-");
        assertThat(Files.isDirectory(location.resolve("_delta_log"))).isTrue();
        JsonNode columns = t.path("columns");
        assertThat(columns).hasSize(14);
        assertThat(columns.get(0).toString()).isEqualTo("{\"name\":\"name\",\"type_text\":\"string\",\"type_name\":\"STRING\","
                + "\"type_json\":\"{\\\"name\\\":\\\"name\\\",\\\"type\\\":\\\"string\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}\","
                + "\"position\":0,\"nullable\":true}");
        JsonNode sum = columns.get(5);
        assertThat(sum.path("name").asText()).isEqualTo("sum");
        assertThat(sum.path("type_name").asText()).isEqualTo("STRUCT");
        assertThat(sum.path("type_text").asText()).startsWith("struct<start_time_unix_nano:bigint,time_unix_nano:bigint,value:double,");
        JsonNode typeJson = TestGateway.JSON.readTree(sum.path("type_json").asText());
        assertThat(typeJson.path("type").path("type").asText()).isEqualTo("struct");
        assertThat(typeJson.path("type").path("fields").get(7).path("name").asText()).isEqualTo("is_monotonic");
    }

    @Test
    void listsCatalogsSchemasAndTables() throws Exception {
        JsonNode catalogs = lake.uc(admin, "/catalogs").json().path("catalogs");
        assertThat(names(catalogs)).containsExactly("main", "system");
        assertThat(catalogs.get(0).path("comment").asText()).isEqualTo("the lake");
        assertThat(catalogs.get(1).path("owner").asText()).isEqualTo("System user");
        assertThat(names(lake.uc(admin, "/schemas?catalog_name=main").json().path("schemas"))).containsExactly("secret", "telemetry");
        JsonNode tables = lake.uc(admin, "/tables?catalog_name=main&schema_name=telemetry").json().path("tables");
        assertThat(names(tables)).containsExactly("cc_otel_logs", "cc_otel_metrics", "cc_otel_spans");
        assertThat(tables.get(0).path("columns").size()).isEqualTo(15);
        assertThat(lake.uc(admin, "/schemas/main.telemetry").json().path("full_name").asText()).isEqualTo("main.telemetry");
        assertThat(lake.uc(admin, "/catalogs/main").json().path("name").asText()).isEqualTo("main");
    }

    @Test
    void aUserSeesOnlyWhatTheyMayRead() throws Exception {
        assertThat(names(lake.uc(bob, "/catalogs").json().path("catalogs"))).containsExactly("main", "system");
        assertThat(names(lake.uc(bob, "/schemas?catalog_name=main").json().path("schemas"))).containsExactly("telemetry");
        assertThat(names(lake.uc(bob, "/tables?catalog_name=main&schema_name=telemetry").json().path("tables")))
                .containsExactly("cc_otel_metrics");
        assertThat(lake.uc(bob, "/tables/main.telemetry.cc_otel_metrics").status()).isEqualTo(200);
        LakeClient.Answer hidden = lake.uc(bob, "/tables/main.telemetry.cc_otel_logs");
        assertThat(hidden.status()).isEqualTo(403);
        assertThat(hidden.json().path("error_code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(hidden.json().path("message").asText()).startsWith("bob does not have SELECT on table main.telemetry.cc_otel_logs");
        assertThat(lake.uc(bob, "/tables?catalog_name=main&schema_name=secret").status()).isEqualTo(403);
        // Everyone reads the usage table (their own rows) and its views; the rest of system stays hidden.
        assertThat(names(lake.uc(bob, "/schemas?catalog_name=system").json().path("schemas"))).containsExactly("ai_gateway");
        assertThat(names(lake.uc(bob, "/tables?catalog_name=system&schema_name=ai_gateway").json().path("tables")))
                .containsExactly("usage", "usage_daily");
    }

    @Test
    void badAndUnknownNamesAnswer400And404() throws Exception {
        assertThat(lake.uc(admin, "/tables/main.telemetry.nope").status()).isEqualTo(404);
        assertThat(lake.uc(admin, "/tables/main.telemetry").status()).isEqualTo(400);
        assertThat(lake.uc(admin, "/schemas").status()).isEqualTo(400);
        assertThat(lake.uc(admin, "/catalogs/nope").json().path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(lake.uc(null, "/catalogs").status()).isEqualTo(401);
    }

    @Test
    void droppingAManagedTableDeletesItsFilesAndExternalDataIsRegisteredFromItsLog(@TempDir Path dir) throws Exception {
        lake.admin("CREATE TABLE main.secret.gone (a INT)");
        Path managed = Path.of(lake.uc(admin, "/tables/main.secret.gone").json().path("storage_location").asText());
        assertThat(Files.isDirectory(managed)).isTrue();
        lake.admin("DROP TABLE main.secret.gone");
        assertThat(Files.exists(managed)).isFalse();
        lake.admin("DROP TABLE IF EXISTS main.secret.gone");
        lake.admin("CREATE SCHEMA main.doomed");
        lake.admin("CREATE TABLE main.doomed.t (a INT)");
        Path inSchema = Path.of(lake.uc(admin, "/tables/main.doomed.t").json().path("storage_location").asText());
        assertThat(lake.failed(admin, "DROP SCHEMA main.doomed").path("message").asText())
                .isEqualTo("schema main.doomed still contains 1 table(s); drop them first or add CASCADE");
        lake.admin("DROP SCHEMA main.doomed CASCADE");
        assertThat(Files.exists(inSchema)).isFalse();

        String location = dir.resolve("ext").toString();
        lake.admin("CREATE TABLE main.secret.ext (a INT COMMENT 'the a', b ARRAY<STRING>) LOCATION '" + location + "' TBLPROPERTIES ('k' = 'v')");
        lake.admin("INSERT INTO main.secret.ext VALUES (1, array('x', 'y'))");
        lake.admin("DROP TABLE main.secret.ext");
        assertThat(Files.isDirectory(Path.of(location, "_delta_log"))).isTrue();
        lake.admin("CREATE TABLE main.secret.again LOCATION '" + location + "'");
        JsonNode again = lake.uc(admin, "/tables/main.secret.again").json();
        assertThat(again.path("table_type").asText()).isEqualTo("EXTERNAL");
        assertThat(again.path("properties").path("k").asText()).isEqualTo("v");
        assertThat(again.path("columns").get(0).path("comment").asText()).isEqualTo("the a");
        assertThat(lake.admin("SELECT a, b FROM main.secret.again")).containsExactly(List.of("1", "[\"x\",\"y\"]"));
    }

    private static List<String> names(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.path("name").asText()));
        return out;
    }
}
