package dev.lakegate.e2e.dashboard;

import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.cli.demo.DemoData;
import dev.lakegate.server.cli.demo.DemoPeople;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.NewPrincipal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.observe.Agent;
import dev.lakegate.server.observe.Attempt;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.testing.TestGateway;
import dev.lakegate.server.usage.PriceTable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A gateway with data small enough to count by hand: users admin, alice and bob; two days of requests through
 * claude-code and codex-cli, and a little Claude Code and Codex telemetry, written with {@link DemoData}'s row
 * writing (the usage recorder's rows, the OTLP receiver's mapping). Then the gateway restarts with {@code
 * dashboard.telemetry_tables} pointing at the telemetry, as an operator would after creating the tables.
 *
 * <pre>
 * requester  tool         endpoint          model              status  in    out  count  when
 * alice      claude-code  claude-sonnet     claude-sonnet-4-5  200     1000  200  2      yesterday
 * alice      claude-code  claude-sonnet     claude-sonnet-4-5  200     1000  200  1      today
 * alice      codex-cli    gpt-5             gpt-5              200     500   100  2      today
 * bob        claude-code  claude-sonnet     claude-sonnet-4-5  200     1000  200  1+1    yesterday, today
 * bob        codex-cli    gpt-5             -                  429 RATE_LIMITED         1      today
 * admin      claude-code  &lt;img src=x …&gt;  claude-sonnet-4-5  200     1000  200  1      today
 * </pre>
 */
final class DashboardFixture implements AutoCloseable {
    static final String XSS_ENDPOINT = "<img src=x onerror=window.__xss=1>";
    static final String DASHBOARD_SECTION = "dashboard: {telemetry_tables: " + DemoData.TELEMETRY_TABLES + "}";

    static final long REQUESTS = 9;
    static final long CODEX_REQUESTS = 3;
    static final long TOKENS = 6 * 1200 + 2 * 600;
    static final long ACTIVE_USERS = 3;
    static final double ERROR_RATE = 1.0 / 9;
    static final long BOB_REQUESTS = 3;
    static final long BOB_TOKENS = 2 * 1200;
    /** Sessions per tool in the telemetry: Claude Code's session.count, Codex's conversation_starts. */
    static final Map<String, Long> SESSIONS = Map.of("claude-code", 2L, "codex-cli", 1L);
    static final List<String> TOOLS = List.of("claude-code", "codex-cli");
    static final List<String> MODELS = List.of("claude-sonnet-4-5", "gpt-5");

    private final TestGateway gateway;
    private final String aliceToken;
    private final String bobToken;
    private final List<RequestRecord> records;

    private DashboardFixture(TestGateway gateway, String aliceToken, String bobToken, List<RequestRecord> records) {
        this.gateway = gateway;
        this.aliceToken = aliceToken;
        this.bobToken = bobToken;
        this.records = records;
    }

    static DashboardFixture start() throws Exception {
        TestGateway first = TestGateway.start();
        try {
            Governance governance = first.gateway().governance();
            PrincipalRecord admin = governance.principals().findByName("admin").orElseThrow();
            String alice = token(governance, admin, "alice");
            String bob = token(governance, admin, "bob");
            Instant today = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
            Instant yesterday = today.minus(Duration.ofDays(1));
            List<RequestRecord> records = new ArrayList<>();
            for (Instant t : List.of(yesterday, yesterday.plusSeconds(60), today)) {
                records.add(ok("alice", "claude-code", "claude-sonnet", "claude-sonnet-4-5", t, 1000, 200));
            }
            records.add(ok("alice", "codex-cli", "gpt-5", "gpt-5", today, 500, 100));
            records.add(ok("alice", "codex-cli", "gpt-5", "gpt-5", today.plusSeconds(30), 500, 100));
            records.add(ok("bob", "claude-code", "claude-sonnet", "claude-sonnet-4-5", yesterday, 1000, 200));
            records.add(ok("bob", "claude-code", "claude-sonnet", "claude-sonnet-4-5", today, 1000, 200));
            records.add(new RequestRecord("fixture-bob-429", today, "gpt-5", null, null, "codex/v1/responses", "bob", "USER", null,
                    new Agent("codex-cli", "0.171.0", "bob-codex"), "codex_cli_rs/0.171.0", "127.0.0.1", Map.of(), true, 429,
                    "RATE_LIMITED", Usage.NONE, null, 2, 2L, 0, false, List.of(), true, null));
            records.add(ok("admin", "claude-code", XSS_ENDPOINT, "claude-sonnet-4-5", today, 1000, 200));
            DemoData.appendUsage(first.gateway().lake(), records.iterator());

            DemoData.createTelemetryTables(first.gateway().lake(), DemoPeople.admin(first.gateway()));
            DemoData.appendTelemetry(first.gateway().lake(), telemetry(today).iterator());
            TestGateway restarted = first.restart("", "", DASHBOARD_SECTION, () -> ThreadLocalRandom.current().nextDouble());
            return new DashboardFixture(restarted, alice, bob, List.copyOf(records));
        } catch (Exception | Error e) {
            first.close();
            throw e;
        }
    }

    /** A gateway without any usage rows or telemetry configuration (the empty states). */
    static TestGateway fresh() throws Exception {
        return TestGateway.start();
    }

    private static String token(Governance governance, PrincipalRecord admin, String name) {
        PrincipalRecord user = governance.principals().create(new NewPrincipal(PrincipalType.USER, name, name, name + "@example.com", false, true));
        return governance.tokens().create(user, admin.id(), "dashboard suite", Optional.of(Duration.ofDays(1))).secret();
    }

    private static RequestRecord ok(String user, String tool, String endpoint, String model, Instant time, long in, long out) {
        Usage usage = new Usage(in, out, 0, 0, 0, false);
        boolean claude = tool.equals("claude-code");
        return new RequestRecord("fixture-" + user + "-" + tool + "-" + time.getEpochSecond(), time, endpoint, "scripted", model,
                claude ? "anthropic/v1/messages" : "codex/v1/responses", user, "USER", null,
                new Agent(tool, claude ? "2.1.197" : "0.171.0", user + "-" + tool), claude ? "claude-cli/2.1.197" : "codex_cli_rs/0.171.0",
                "127.0.0.1", Map.of(), true, 200, null, usage, PriceTable.defaults().find(model).orElseThrow().cost(usage), 900, 300L, 0,
                false, List.of(new Attempt(1, "scripted/" + model, 200, null, 900)), true, null);
    }

    private static List<DemoData.Export> telemetry(Instant time) {
        long nanos = time.getEpochSecond() * 1_000_000_000L;
        Map<String, String> alice = Map.of("session.id", "alice-claude-code");
        Map<String, String> bob = Map.of("session.id", "bob-claude-code");
        return List.of(
                DemoData.metrics("claude-code", "2.1.197", "alice", List.of(
                        DemoData.sum("claude_code.session.count", nanos, 1, alice, "start_type", "fresh"),
                        DemoData.sum("claude_code.lines_of_code.count", nanos, 10, alice, "type", "added", "model", "claude-sonnet"),
                        DemoData.sum("claude_code.lines_of_code.count", nanos, 4, alice, "type", "removed", "model", "claude-sonnet"),
                        DemoData.sum("claude_code.commit.count", nanos, 1, alice),
                        DemoData.sum("claude_code.code_edit_tool.decision", nanos, 1, alice, "tool_name", "Edit", "decision", "accept"),
                        DemoData.sum("claude_code.cost.usage", nanos, 0.5, alice, "model", "claude-sonnet"),
                        DemoData.sum("claude_code.token.usage", nanos, 1000, alice, "model", "claude-sonnet", "type", "input"),
                        DemoData.sum("claude_code.token.usage", nanos, 200, alice, "model", "claude-sonnet", "type", "output"),
                        DemoData.sum("claude_code.active_time.total", nanos, 1800, alice, "type", "cli"))),
                DemoData.metrics("claude-code", "2.1.197", "bob", List.of(
                        DemoData.sum("claude_code.session.count", nanos, 1, bob, "start_type", "fresh"),
                        DemoData.sum("claude_code.lines_of_code.count", nanos, 5, bob, "type", "added", "model", "claude-sonnet"),
                        DemoData.sum("claude_code.code_edit_tool.decision", nanos, 1, bob, "tool_name", "Write", "decision", "reject"))),
                DemoData.logs("claude-code", "2.1.197", "alice", List.of(
                        DemoData.event(nanos, "claude_code.api_request", "api_request", alice, "model", "claude-sonnet"))),
                DemoData.logs("codex_cli_rs", "0.171.0", "alice", List.of(
                        DemoData.event(nanos, "codex.conversation_starts", "codex.conversation_starts", Map.of("conversation.id", "c1")),
                        DemoData.event(nanos, "codex.tool_decision", "codex.tool_decision", Map.of("conversation.id", "c1"),
                                "tool_name", "shell", "decision", "approved"))));
    }

    TestGateway gateway() {
        return gateway;
    }

    String adminToken() {
        return gateway.adminToken();
    }

    String aliceToken() {
        return aliceToken;
    }

    String bobToken() {
        return bobToken;
    }

    /** Total cost of the rows, as the pricing code gives it: 6 × $0.006 + 2 × $0.001625 = $0.03925. */
    double usd() {
        return records.stream().mapToDouble(r -> r.costUsd() == null ? 0 : r.costUsd()).sum();
    }

    double usd(String requester) {
        return records.stream().filter(r -> r.requester().equals(requester)).mapToDouble(r -> r.costUsd() == null ? 0 : r.costUsd()).sum();
    }

    @Override
    public void close() throws Exception {
        gateway.close();
    }
}
