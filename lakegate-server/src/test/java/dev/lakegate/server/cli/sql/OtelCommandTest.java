package dev.lakegate.server.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.otel.OtlpSignal;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.testing.TestGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lakegate otel create-tables} against a running gateway. */
class OtelCommandTest {
    TestGateway gateway;
    LakeClient lake;

    @Command(name = "lakegate")
    static final class Root {}

    record Run(int code, String out, String err) {}

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateway.start();
        lake = new LakeClient(gateway);
        lake.admin("CREATE CATALOG main");
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    Run run(String token, String... args) {
        Map<String, String> env = Map.of("LAKEGATE_URL", gateway.baseUrl().toString(), "LAKEGATE_TOKEN", token);
        CommandLine cli = OtelCommand.register(new CommandLine(new Root()), env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void createsTheThreeTablesWithTheProductsSchemaAndGrantsTheExporter() throws Exception {
        String bob = lake.user("bob");
        Run r = run(gateway.adminToken(), "otel", "create-tables", "main.telemetry", "--prefix", "cc", "--create-schema", "--grant", "bob");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("table main.telemetry.cc_otel_metrics is ready", "table main.telemetry.cc_otel_logs is ready",
                "table main.telemetry.cc_otel_spans is ready", "bob may now export telemetry into them",
                "lakegate agents configure <agent> --telemetry --telemetry-tables main.telemetry.cc");
        for (OtlpSignal signal : OtlpSignal.values()) {
            String table = "main.telemetry.cc_otel_" + signal.tableKind();
            assertThat(lake.admin("SHOW TBLPROPERTIES " + table)).contains(List.of("otel.schemaVersion", "v1"));
            TableInfo info = gateway.gateway().lake().catalog().getTable(TableName.parse(table)).orElseThrow();
            assertThat(signal.schemaProblem(info.columns())).isEmpty();
        }
        // bob may write (MODIFY with the USE privileges) but was not given SELECT
        assertThat(lake.ok(bob, "INSERT INTO main.telemetry.cc_otel_logs (body) VALUES ('x')")).containsExactly(List.of("1", "1"));
        assertThat(lake.statement(bob, "SELECT * FROM main.telemetry.cc_otel_logs").path("status").path("state").asText()).isEqualTo("FAILED");

        Run again = run(gateway.adminToken(), "otel", "create-tables", "main.telemetry", "--prefix", "cc");
        assertThat(again.code()).as("existing tables are kept").isZero();
        assertThat(lake.admin("SELECT count(*) FROM main.telemetry.cc_otel_logs")).containsExactly(List.of("1"));
    }

    @Test
    void failuresAreOneClearLine() throws Exception {
        Run noSchema = run(gateway.adminToken(), "otel", "create-tables", "main.telemetry");
        assertThat(noSchema.code()).isEqualTo(1);
        assertThat(noSchema.err()).startsWith("error: ").contains("main.telemetry");

        Run badName = run(gateway.adminToken(), "otel", "create-tables", "main");
        assertThat(badName.err()).contains("CATALOG.SCHEMA");

        String bob = lake.user("bob");
        Run denied = run(bob, "otel", "create-tables", "main.telemetry", "--create-schema");
        assertThat(denied.code()).isEqualTo(1);
        assertThat(denied.err()).contains("bob does not have USE_CATALOG on catalog main");
    }
}
