package dev.lakegate.server.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.testing.TestGateway;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lakegate sql} against a running gateway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlCommandTest {
    TestGateway gateway;
    final Map<String, String> env = new HashMap<>();

    @Command(name = "lakegate")
    static final class Root {}

    record Run(int code, String out, String err) {}

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start();
        env.put("LAKEGATE_URL", gateway.baseUrl().toString());
        env.put("LAKEGATE_TOKEN", gateway.adminToken());
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    Run run(String stdin, String... args) {
        CommandLine cli = SqlCommand.register(new CommandLine(new Root()), env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void runsAScriptThenQueriesAsATable(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("setup.sql");
        Files.writeString(script, """
                CREATE CATALOG IF NOT EXISTS cli;
                CREATE SCHEMA IF NOT EXISTS cli.s;
                CREATE TABLE cli.s.t (name STRING, n BIGINT, tags MAP<STRING, STRING>);
                INSERT INTO cli.s.t VALUES ('a', 1, map('k', 'v')), ('bb', NULL, NULL);
                """);
        Run setup = run("", "sql", "-f", script.toString());
        assertThat(setup.code()).as(setup.err()).isZero();
        assertThat(setup.out()).startsWith("OK\nOK\nOK\nnum_affected_rows  num_inserted_rows\n2                  2\n(1 row)");

        Run query = run("", "sql", "SELECT name, n, tags FROM cli.s.t ORDER BY name");
        assertThat(query.code()).as(query.err()).isZero();
        assertThat(query.out()).isEqualTo("""
                name  n     tags
                a     1     {"k":"v"}
                bb    NULL  NULL
                (2 rows)
                """);

        Run piped = run("SHOW TABLES IN cli.s;\n", "sql");
        assertThat(piped.out()).contains("s         t          false");
        Run json = run("", "sql", "--json", "SELECT count(*) AS c FROM cli.s.t");
        assertThat(json.out()).contains("\"state\" : \"SUCCEEDED\"").contains("\"data_array\" : [ [ \"2\" ] ]");
        Run csv = run("", "sql", "--format", "csv", "SELECT name, n, tags FROM cli.s.t ORDER BY name");
        assertThat(csv.out()).isEqualTo("name,n,tags\r\na,1,\"{\"\"k\"\":\"\"v\"\"}\"\r\nbb,,\r\n");
    }

    @Test
    void createsTheThreeTelemetryTablesOfTheSpecAndQueriesThem(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("telemetry_tables.sql");
        Files.writeString(script, "CREATE CATALOG IF NOT EXISTS main;\nCREATE SCHEMA IF NOT EXISTS main.telemetry;\n"
                + LakeClient.specDdl("metrics", "main", "telemetry", "cc") + "\n"
                + LakeClient.specDdl("logs", "main", "telemetry", "cc") + "\n"
                + LakeClient.specDdl("spans", "main", "telemetry", "cc") + "\n");
        Run create = run("", "sql", "-f", script.toString());
        assertThat(create.code()).as(create.err()).isZero();
        assertThat(run("", "sql", "SHOW TABLES IN main.telemetry").out())
                .contains("cc_otel_logs").contains("cc_otel_metrics").contains("cc_otel_spans");
        assertThat(run("", "sql", "SHOW TBLPROPERTIES main.telemetry.cc_otel_spans").out()).contains("otel.schemaVersion").contains("v1");

        Run insert = run("", "sql", "INSERT INTO main.telemetry.cc_otel_logs (event_name, body, attributes) "
                + "VALUES ('claude_code.api_request', 'claude_code.api_request', map('model', 'claude-sonnet', 'cost_usd', '0.012'))");
        assertThat(insert.code()).as(insert.err()).isZero();
        Run query = run("", "sql", "SELECT event_name, attributes['model'] AS model FROM main.telemetry.cc_otel_logs");
        assertThat(query.out()).isEqualTo("""
                event_name               model
                claude_code.api_request  claude-sonnet
                (1 row)
                """);
        assertThat(run("", "sql", "SELECT count(*) AS n FROM main.telemetry.cc_otel_metrics").out()).contains("0");
    }

    @Test
    void aFailingStatementStopsTheRunWithItsPosition() {
        Run failed = run("SHOW CATALOGS;\nSELECT *\n  FROM cli.nope.t;\nSHOW CATALOGS;", "sql", "-");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.out()).startsWith("catalog\n").containsOnlyOnce("catalog\n");
        assertThat(failed.err()).isEqualTo("error: statement starting on line 2: NOT_FOUND: line 2, column 8: table cli.nope.t does not exist\n");

        Run bad = run("", "sql", "CREATE TABLE");
        assertThat(bad.err()).startsWith("error: BAD_REQUEST: line 1, column 13: ");
        env.put("LAKEGATE_TOKEN", "wrong");
        try {
            assertThat(run("", "sql", "SHOW CATALOGS").err()).contains("rejected the token (401)");
        } finally {
            env.put("LAKEGATE_TOKEN", gateway.adminToken());
        }
        assertThat(run("", "sql", "--url", "http://127.0.0.1:9", "SHOW CATALOGS").err()).startsWith("error: no gateway at http://127.0.0.1:9");
    }
}
