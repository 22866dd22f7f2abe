package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.testing.TestGateway;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The SQL API over real HTTP: SPEC §5's DDL verbatim, INSERT and SELECT with nested fields, answers in the managed product's shape. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlStatementsApiTest {
    static final String METRICS = "main.telemetry.cc_otel_metrics";
    TestGateway gateway;
    LakeClient lake;

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start();
        lake = new LakeClient(gateway);
        lake.admin("CREATE CATALOG main");
        lake.admin("CREATE SCHEMA main.telemetry");
        lake.admin("CREATE SCHEMA main.scratch");
        for (String signal : List.of("metrics", "logs", "spans")) {
            lake.admin(LakeClient.specDdl(signal, "main", "telemetry", "cc"));
        }
        lake.admin("""
                INSERT INTO main.telemetry.cc_otel_metrics (name, metric_type, sum, resource) VALUES
                  ('claude_code.cost.usage', 'sum', named_struct('value', 0.25, 'attributes', map('user.email', 'a@x.com'),
                     'aggregation_temporality', 'AGGREGATION_TEMPORALITY_DELTA', 'is_monotonic', true),
                   named_struct('attributes', map('service.name', 'claude-code'), 'dropped_attributes_count', 0)),
                  ('claude_code.token.usage', 'sum', named_struct('value', 1200.0), NULL)""");
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void specTablesCarryTheirPropertyAndColumns() throws Exception {
        assertThat(lake.admin("SHOW TABLES IN main.telemetry")).containsExactly(
                List.of("telemetry", "cc_otel_logs", "false"), List.of("telemetry", "cc_otel_metrics", "false"),
                List.of("telemetry", "cc_otel_spans", "false"));
        for (String signal : List.of("metrics", "logs", "spans")) {
            assertThat(lake.admin("SHOW TBLPROPERTIES main.telemetry.cc_otel_" + signal)).contains(List.of("otel.schemaVersion", "v1"));
        }
        assertThat(lake.admin("SHOW CATALOGS")).containsExactly(List.of("main"), List.of("system"));
        assertThat(lake.admin("SHOW SCHEMAS IN main")).containsExactly(List.of("scratch"), List.of("telemetry"));
        assertThat(lake.admin("SHOW SCHEMAS")).contains(List.of("main.telemetry"));
        assertThat(lake.admin("SHOW TABLES")).contains(List.of("main.telemetry", "cc_otel_spans", "false"));
    }

    @Test
    void selectsNestedFieldsWithTypesInTheManifest() throws Exception {
        JsonNode answer = lake.statement(gateway.adminToken(),
                "SELECT name, sum.value, sum.attributes, resource FROM " + METRICS + " ORDER BY name");
        assertThat(answer.path("statement_id").asText()).isNotBlank();
        JsonNode manifest = answer.path("manifest");
        assertThat(manifest.path("format").asText()).isEqualTo("JSON_ARRAY");
        assertThat(manifest.path("schema").path("column_count").asInt()).isEqualTo(4);
        assertThat(manifest.path("schema").path("columns").get(1).toString())
                .isEqualTo("{\"name\":\"value\",\"type_text\":\"DOUBLE\",\"type_name\":\"DOUBLE\",\"position\":1}");
        assertThat(manifest.path("schema").path("columns").get(2).path("type_text").asText()).isEqualTo("MAP<STRING, STRING>");
        assertThat(manifest.path("total_row_count").asInt()).isEqualTo(2);
        assertThat(manifest.path("truncated").asBoolean()).isFalse();
        assertThat(answer.path("result").path("row_count").asInt()).isEqualTo(2);
        assertThat(LakeClient.rows(answer)).containsExactly(
                List.of("claude_code.cost.usage", "0.25", "{\"user.email\":\"a@x.com\"}",
                        "{\"attributes\":{\"service.name\":\"claude-code\"},\"dropped_attributes_count\":0}"),
                Arrays.asList("claude_code.token.usage", "1200.0", null, null));
    }

    @Test
    void insertSelectAppendsTheQueryRowsConverted() throws Exception {
        lake.admin("CREATE TABLE main.scratch.costs (metric STRING, usd DECIMAL(10,2), attrs MAP<STRING, STRING>, n INT, ts TIMESTAMP)");
        List<List<String>> inserted = lake.admin("INSERT INTO main.scratch.costs SELECT name, sum.value, sum.attributes, 7,"
                + " TIMESTAMP '2025-01-31 12:00:00' FROM " + METRICS + " WHERE sum.value < 1");
        assertThat(inserted).containsExactly(List.of("1", "1"));
        lake.admin("INSERT INTO main.scratch.costs (usd, metric) SELECT 1.005, 'rounded'");
        assertThat(lake.admin("SELECT metric, usd, attrs['user.email'], n, ts FROM main.scratch.costs ORDER BY metric")).containsExactly(
                List.of("claude_code.cost.usage", "0.25", "a@x.com", "7", "2025-01-31T12:00:00Z"),
                Arrays.asList("rounded", "1.01", null, null, null));
        assertThat(lake.failed(gateway.adminToken(), "INSERT INTO main.scratch.costs (n) SELECT 'seven'").path("message").asText())
                .isEqualTo("column 'n' is INT but the query gives text 'seven'; CAST it in the SELECT");
        assertThat(lake.failed(gateway.adminToken(), "INSERT INTO main.scratch.costs SELECT 1").path("message").asText())
                .contains("the query returns 1 columns but 5 are expected (metric, usd, attrs, n, ts)");
    }

    @Test
    void describeListsColumnsAndExtendedDetails() throws Exception {
        List<List<String>> rows = lake.admin("DESCRIBE TABLE main.telemetry.cc_otel_logs");
        assertThat(rows.getFirst()).isEqualTo(Arrays.asList("event_name", "string", null));
        assertThat(rows).contains(Arrays.asList("resource", "struct<attributes:map<string,string>,dropped_attributes_count:int>", null));
        assertThat(rows).hasSize(15);
        List<List<String>> extended = lake.admin("DESCRIBE TABLE EXTENDED main.telemetry.cc_otel_logs");
        assertThat(extended).contains(List.of("# Detailed Table Information", "", ""), List.of("Type", "MANAGED", ""),
                List.of("Provider", "delta", ""), List.of("Table Properties", "[otel.schemaVersion=v1]", ""));
        assertThat(extended).anySatisfy(r -> assertThat(r.get(0).equals("Location") && r.get(1).contains("/lake/main/telemetry/cc_otel_logs-")).isTrue());
    }

    @Test
    void statementErrorsFailWithCodeAndPosition() throws Exception {
        String admin = gateway.adminToken();
        JsonNode parse = lake.failed(admin, "CREATE TABLE main.telemetry.x (\n  a STRUCT<b INT)");
        assertThat(parse.path("error_code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(parse.path("message").asText()).startsWith("line 2, column ");
        JsonNode missing = lake.failed(admin, "SELECT * FROM\n  main.telemetry.nope");
        assertThat(missing.path("error_code").asText()).isEqualTo("NOT_FOUND");
        assertThat(missing.path("message").asText()).isEqualTo("line 2, column 3: table main.telemetry.nope does not exist");
        JsonNode duck = lake.failed(admin, "SELECT no_such_column FROM " + METRICS);
        assertThat(duck.path("error_code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(duck.path("message").asText()).contains("no_such_column");
        assertThat(lake.failed(admin, "CREATE SCHEMA main.telemetry").path("error_code").asText()).isEqualTo("ALREADY_EXISTS");
        lake.admin("CREATE SCHEMA IF NOT EXISTS main.telemetry");
    }

    @Test
    void duckDbReadsNoFilesButTheTables() throws Exception {
        for (String sql : List.of("SELECT * FROM read_csv('/etc/passwd')", "SELECT content FROM read_text('/etc/hostname')")) {
            JsonNode error = lake.failed(gateway.adminToken(), sql);
            assertThat(error.path("error_code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(error.path("message").asText()).as(sql).contains("cannot be used: queries read catalog tables");
        }
        assertThat(lake.failed(gateway.adminToken(), "SELECT * FROM '/etc/passwd'").path("message").asText())
                .contains("'/etc/passwd' is not a table of the catalog").doesNotContain("root:");
        assertThat(lake.failed(gateway.adminToken(), "COPY (SELECT 1) TO '/tmp/x.csv'").path("error_code").asText()).isEqualTo("BAD_REQUEST");
    }

    @Test
    void rowLimitTruncatesAndRequestErrorsAre400() throws Exception {
        JsonNode limited = TestGateway.JSON.readTree(lake.post(gateway.adminToken(),
                "{\"statement\": \"SELECT * FROM range(5)\", \"row_limit\": 2, \"warehouse_id\": \"any\"}").body());
        assertThat(LakeClient.rows(limited)).containsExactly(List.of("0"), List.of("1"));
        assertThat(limited.path("manifest").path("truncated").asBoolean()).isTrue();
        for (String body : List.of("{}", "not json", "{\"statement\": \"SELECT 1\", \"wait_timeout\": \"2s\"}",
                "{\"statement\": \"SELECT 1\", \"format\": \"ARROW_STREAM\"}", "{\"statement\": \"SELECT 1\", \"row_limit\": -1}")) {
            var response = lake.post(gateway.adminToken(), body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(TestGateway.JSON.readTree(response.body()).path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        }
        assertThat(lake.post(null, "{\"statement\": \"SELECT 1\"}").statusCode()).isEqualTo(401);
    }
}
