package dev.lakegate.server.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.server.governance.NewPrincipal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.testing.TestGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class BudgetsCommandTest {
    TestGateway gateway;
    final Map<String, String> env = new HashMap<>();

    @Command(name = "lakegate")
    static final class Root {}

    record Run(int code, String out, String err) {}

    @BeforeEach
    void setUp() throws Exception {
        gateway = TestGateway.start();
        gateway.gateway().governance().principals().create(new NewPrincipal(PrincipalType.USER, "alice", null, null, false, true));
        env.put("LAKEGATE_URL", gateway.baseUrl().toString());
        env.put("LAKEGATE_TOKEN", gateway.adminToken());
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
    }

    Run run(String... args) {
        CommandLine cli = AdminCommands.register(new CommandLine(new Root()), env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void managesBudgetsFromTheCommandLine() throws Exception {
        Run created = run("budgets", "create", "alice-daily", "--user", "alice", "--per", "day", "--limit", "$5");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created budget alice-daily (user alice, $5.00 per day).")
                .containsPattern("This day: \\$0\\.00 spent, \\$0\\.00 held by requests in progress, \\$5\\.00 left; it resets at \\d{4}-");
        assertThat(run("budgets", "create", "everyone", "--group", "users", "--per", "MONTH", "--limit", "100").code()).isZero();

        Run list = run("budgets", "list");
        assertThat(list.out().lines().findFirst().orElseThrow()).matches("NAME +SCOPE +SUBJECT +LIMIT +PER +SPENT +HELD +LEFT +RESETS AT");
        assertThat(list.out()).containsPattern("alice-daily +USER +alice +\\$5\\.00 +day +\\$0\\.00 +\\$0\\.00 +\\$5\\.00 +\\d{4}-")
                .containsPattern("everyone +GROUP +users +\\$100\\.00 +month");

        assertThat(run("budgets", "update", "alice-daily", "--limit", "2.5").out()).contains("Updated budget alice-daily (user alice, $2.50 per day).");
        assertThat(run("budgets", "show", "alice-daily").out()).contains("Budget alice-daily (user alice, $2.50 per day), created by admin at ");
        assertThat(new ObjectMapper().readTree(run("budgets", "show", "alice-daily", "--json").out()).path("limit_usd").asDouble()).isEqualTo(2.5);
        assertThat(run("budgets", "delete", "alice-daily").out()).contains("Deleted budget alice-daily.");
        assertThat(run("budgets", "list").out()).doesNotContain("alice-daily");

        Run two = run("budgets", "create", "x", "--user", "alice", "--endpoint", "e2e-claude", "--per", "day", "--limit", "1");
        assertThat(two.code()).isEqualTo(1);
        assertThat(two.err()).contains("give exactly one of --user, --service-principal, --group or --endpoint");
        assertThat(run("budgets", "create", "x", "--user", "nobody", "--per", "day", "--limit", "1").err()).contains("no user named 'nobody'");
        assertThat(run("budgets", "create", "x", "--user", "alice", "--per", "week", "--limit", "1").err()).contains("--per must be day or month");
        assertThat(run("budgets", "show", "gone").err()).contains("error: no budget named 'gone'");
    }
}
