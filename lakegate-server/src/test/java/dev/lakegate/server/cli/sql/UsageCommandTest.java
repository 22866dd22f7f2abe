package dev.lakegate.server.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.testing.TestGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lakegate usage} against a running gateway that served a few agent requests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageCommandTest {
    TestGateway gateway;
    String alice;

    @Command(name = "lakegate")
    static final class Root {}

    record Run(int code, String out, String err) {}

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start("", "", "", "lake: {commit_interval_ms: 200}");
        LakeClient lake = new LakeClient(gateway);
        alice = lake.user("alice");
        // alice: two Claude Code requests on claude-sonnet-4-5 ($3 / $15 per 1M tokens)
        for (int i = 0; i < 2; i++) {
            gateway.scripted().enqueue(Script.text("hi").withUsage(new Usage(1_000_000, 100_000, 0, 0, 0, false)));
            ask(alice, "/anthropic/v1/messages", "claude-cli/2.1.197 (external, sdk-cli)",
                    "{\"model\":\"e2e-claude\",\"max_tokens\":10,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        }
        // the admin: one Gemini CLI request on gemini-2.5-pro ($1.25 / $10)
        gateway.scripted().enqueue(Script.text("hi").withUsage(new Usage(200_000, 10_000, 0, 0, 0, false)));
        ask(gateway.adminToken(), "/gemini/v1beta/models/e2e-gemini:streamGenerateContent?alt=sse", "GeminiCLI-tui/0.61.0/gw-gemini (linux; x64; terminal)",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!lake.admin("SELECT count(*) FROM system.ai_gateway.usage").equals(List.of(List.of("3")))) {
            assertThat(System.nanoTime()).as("three usage rows within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    private void ask(String token, String path, String userAgent, String json) throws Exception {
        var response = gateway.send(gateway.request(path, token, "application/json").header("user-agent", userAgent)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    Run run(String token, String... args) {
        Map<String, String> env = Map.of("LAKEGATE_URL", gateway.baseUrl().toString(), "LAKEGATE_TOKEN", token);
        CommandLine cli = UsageCommand.register(new CommandLine(new Root()), env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void spendByUserMostExpensiveFirst() {
        Run r = run(gateway.adminToken(), "usage");
        assertThat(r.code()).as(r.err()).isZero();
        // alice: 2 × ($3 + $1.50); admin: $0.25 + $0.10
        assertThat(r.out()).isEqualTo("""
                requester  requests  input_tokens  output_tokens  cost_usd
                alice      2         2000000       200000         9.0
                admin      1         200000        10000          0.35
                (2 rows)
                """);
    }

    @Test
    void byToolAsJsonAndByModelForOneUserAsCsv() throws Exception {
        Run tools = run(gateway.adminToken(), "usage", "--by", "tool", "--since", "7d", "--format", "json");
        assertThat(tools.code()).as(tools.err()).isZero();
        JsonNode json = SqlClient.JSON.readTree(tools.out());
        assertThat(json.toString()).isEqualTo("[{\"tool\":\"claude-code\",\"requests\":2,\"input_tokens\":2000000,\"output_tokens\":200000,"
                + "\"cost_usd\":9.0},{\"tool\":\"gemini-cli\",\"requests\":1,\"input_tokens\":200000,\"output_tokens\":10000,\"cost_usd\":0.35}]");

        Run models = run(gateway.adminToken(), "usage", "--by", "model", "--user", "alice", "--format", "csv");
        assertThat(models.out()).isEqualTo("destination_model,requests,input_tokens,output_tokens,cost_usd\r\nclaude-sonnet-4-5,2,2000000,200000,9.0\r\n");
    }

    @Test
    void byDayAndSinceADate() {
        String today = Instant.now().atZone(ZoneOffset.UTC).toLocalDate().toString();
        Run days = run(gateway.adminToken(), "usage", "--by", "day", "--since", today);
        assertThat(days.out()).contains(today + "  3         2200000       210000         9.35");
        Run tomorrow = run(gateway.adminToken(), "usage", "--by", "endpoint", "--since", Instant.now().plus(Duration.ofDays(1))
                .atZone(ZoneOffset.UTC).toLocalDate().toString());
        assertThat(tomorrow.out()).endsWith("(0 rows)\n");
    }

    @Test
    void sinceIsRelativeToNowOrTheStartOfADay() {
        Instant now = Instant.parse("2026-11-28T10:30:00Z");
        assertThat(UsageCommand.start("7d", now)).isEqualTo(Instant.parse("2026-11-21T10:30:00Z"));
        assertThat(UsageCommand.start("24h", now)).isEqualTo(Instant.parse("2026-11-27T10:30:00Z"));
        assertThat(UsageCommand.start("2026-11-01", now)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(new UsageReport(UsageReport.By.model, Instant.parse("2026-11-01T00:00:00Z"), "o'brien").sql()).isEqualTo(
                "SELECT destination_model, count(*) AS requests, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, "
                + "round(sum(cost_usd), 6) AS cost_usd FROM system.ai_gateway.usage WHERE event_time >= TIMESTAMP '2026-11-01 00:00:00' "
                + "AND requester = 'o''brien' GROUP BY destination_model ORDER BY cost_usd DESC NULLS LAST, requests DESC, destination_model");
    }

    @Test
    void mistakesAreOneClearLine() {
        Run badSince = run(gateway.adminToken(), "usage", "--since", "last week");
        assertThat(badSince.code()).isEqualTo(1);
        assertThat(badSince.err()).isEqualTo("error: --since takes a number of days or hours (7d, 24h) or a date (2026-11-01), not 'last week'\n");
        Run badToken = run("lg_not-a-token", "usage");
        assertThat(badToken.code()).isEqualTo(1);
        assertThat(badToken.err()).startsWith("error: ");
    }

    @Test
    void aUserSeesTheirOwnRequestsOnly() {
        Run r = run(alice, "usage", "--by", "tool");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                tool         requests  input_tokens  output_tokens  cost_usd
                claude-code  2         2000000       200000         9.0
                (1 row)
                """);
        assertThat(run(alice, "usage", "--user", "admin").out()).isEqualTo("""
                requester  requests  input_tokens  output_tokens  cost_usd
                (0 rows)
                """);
    }

    /** The examples of docs/usage.md run as written. */
    @Test
    void theDocumentedQueriesRun() throws Exception {
        LakeClient lake = new LakeClient(gateway);
        assertThat(lake.admin("""
                SELECT endpoint_name, destination_model, count_if(tokens_estimated) AS estimated, count_if(cost_usd IS NULL) AS unpriced
                FROM system.ai_gateway.usage GROUP BY ALL ORDER BY endpoint_name""")).containsExactly(
                List.of("e2e-claude", "claude-sonnet-4-5", "0", "0"), List.of("e2e-gemini", "gemini-2.5-pro", "0", "0"));
        assertThat(lake.admin("""
                SELECT tool, sum(token_details.cache_read_input_tokens) / sum(input_tokens) AS cache_hit_rate
                FROM system.ai_gateway.usage GROUP BY tool""")).hasSize(2);
        assertThat(lake.admin("""
                SELECT request_id, routing_information.attempts FROM system.ai_gateway.usage
                WHERE len(routing_information.attempts) > 1""")).isEmpty();
    }
}
