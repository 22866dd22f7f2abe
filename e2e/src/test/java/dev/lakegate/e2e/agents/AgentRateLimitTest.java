package dev.lakegate.e2e.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.e2e.agents.RealAgentsTest.Driver;
import dev.lakegate.server.cli.agents.AgentOptions;
import dev.lakegate.server.cli.agents.AgentRunner;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the real agents do when the gateway refuses them with a 429 (docs/agents.md, "On rate limits") or a budget's 403:
 * Claude Code, Codex CLI and Gemini CLI, run headless as in {@link RealAgentsTest}, each against
 * endpoints of its own whose limits the case sets, all three at once so that their waits overlap.
 *
 * <ul>
 *   <li>A refusal that clears: one request per minute, and the agent's tool-call turn needs two. The second
 *       is refused with {@code retry-after} ≈ 60 s; with their default settings all three wait about that
 *       long, retry once and finish the turn.
 *   <li>A refusal that persists: one token per minute, already in debt for hours. Claude Code (waits over
 *       60 s) and Gemini CLI (over 300 s) give up at once with their defaults; Codex CLI would wait the
 *       whole {@code retry-after} five times, so it runs with {@code stream_max_retries = 0}.
 *   <li>A budget refusal (docs/agents.md, "On budget refusals"): a 403 that names the budget and when it resets. Claude Code
 *       and Gemini CLI stop at once; Codex CLI retries it five times within seconds, then stops. All three show the message.
 * </ul>
 *
 * A case is one method: its endpoints are {@code <case>-<agent>}, declared in {@link #CASES}.
 */
class AgentRateLimitTest {
    /**
     * Each case's rate limit (none for {@code budget}, whose endpoints get a budget instead), one endpoint per agent so that
     * the agents running at once do not share a bucket.
     */
    private static final Map<String, String> CASES = Map.of(
            "once", "{key: endpoint, calls: 1}",
            "debt", "{key: endpoint, tokens: 1}",
            "budget", "");

    private static TestGateway gateway;
    private static TestGateway.Token token;
    private static LakeClient lake;

    /** One agent's run: how it ended, and the gateway's records of its requests to its endpoint, in arrival order. */
    record Run(Driver driver, String endpoint, String secret, AgentProcess.Result result, List<RequestRecord> records) {
        String output() {
            return result.stdout() + "\n" + result.stderr();
        }

        List<Integer> statuses() {
            return records.stream().map(RequestRecord::statusCode).toList();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        StringBuilder endpoints = new StringBuilder();
        CASES.forEach((name, limit) -> {
            for (Driver d : Driver.values()) {
                endpoints.append("  - {name: ").append(endpoint(name, d)).append(", destinations: [{provider: scripted, model: ")
                        .append(upstreamModel(d)).append("}], rate_limits: [").append(limit).append("]}\n");
            }
        });
        // Usage rows commit every 0.3 s, so each case finds its rows in the usage table quickly.
        gateway = TestGateway.start("", endpoints.toString(), "", "lake: {commit_interval_ms: 300}");
        token = gateway.createToken("agent rate limits e2e", null);
        lake = new LakeClient(gateway);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aRefusalThatClearsIsWaitedOutAndTheTurnFinishes() throws Exception {
        Map<Driver, Run> runs = runAll("once", d -> List.of());

        SoftAssertions softly = new SoftAssertions();
        for (Run run : runs.values()) {
            String label = run.driver().agent.id();
            softly.assertThat(run.result().finished()).as("%s finished within %s", label, AgentProcess.RUN_TIMEOUT).isTrue();
            softly.assertThat(run.result().exitCode()).as("%s exit code (its output is in the test log above)", label).isZero();
            softly.assertThat(run.output()).as("%s printed the answer to its tool result", label).contains(run.secret());
            // One refusal, then success: the agent waited for the window to renew instead of retrying sooner.
            softly.assertThat(run.statuses()).as("%s: statuses of its requests to %s", label, run.endpoint()).containsExactly(200, 429, 200);
            if (run.records().size() == 3) {
                softly.assertThat(run.records().get(1).errorType()).as("%s: the refusal's error type", label).isEqualTo("RATE_LIMITED");
                softly.assertThat(Duration.between(run.records().get(0).eventTime(), run.records().get(2).eventTime()))
                        .as("%s: the retry came after the one-minute window renewed", label).isGreaterThanOrEqualTo(Duration.ofSeconds(59));
            }
            softly.assertThat(usageStatuses(run.endpoint(), 3)).as("%s: usage rows of %s by arrival", label, run.endpoint())
                    .containsExactly("200", "429", "200");
        }
        softly.assertAll();
    }

    @Test
    void aRefusalThatPersistsEndsTheRunWithTheGatewaysMessage() throws Exception {
        for (Driver d : Driver.values()) {
            chargeHoursOfTokens(endpoint("debt", d));
        }
        // Codex CLI would wait the whole retry-after (here: hours) before each of its stream_max_retries (default 5)
        // reconnects. Without them it gives up at once, and prints what it would print after the last.
        Map<Driver, Run> runs = runAll("debt", d -> d == Driver.CODEX ? List.of("-c", "model_providers.lakegate.stream_max_retries=0") : List.of());

        SoftAssertions softly = new SoftAssertions();
        for (Run run : runs.values()) {
            String label = run.driver().agent.id();
            softly.assertThat(run.result().finished()).as("%s finished within %s", label, AgentProcess.RUN_TIMEOUT).isTrue();
            softly.assertThat(run.result().exitCode()).as("%s exit code", label).isNotZero();
            softly.assertThat(run.result().millis()).as("%s gave up at once (ms)", label).isLessThan(60_000);
            softly.assertThat(run.statuses()).as("%s: statuses of its requests to %s (no retry)", label, run.endpoint()).containsExactly(429);
            softly.assertThat(run.output()).as("%s did not get to run the tool", label).doesNotContain(run.secret());
            if (run.driver() == Driver.CODEX) {
                // Codex CLI prints the status and the x-request-id, never the message: the request id finds the usage row.
                String requestId = run.records().isEmpty() ? "(none)" : run.records().getFirst().requestId();
                softly.assertThat(run.output()).as("%s names the status and the refused request", label)
                        .contains("429 Too Many Requests").contains("request id: " + requestId);
            } else {
                softly.assertThat(run.output()).as("%s shows the gateway's message", label)
                        .contains("Rate limit exceeded (endpoint " + run.endpoint() + ": 1 token per minute). Please try again in");
            }
        }
        softly.assertAll();
    }

    @Test
    void aBudgetRefusalEndsTheRunWithTheGatewaysMessage() throws Exception {
        for (Driver d : Driver.values()) {
            createBudgetNoRequestFits(endpoint("budget", d));
        }
        Map<Driver, Run> runs = runAll("budget", d -> List.of());

        SoftAssertions softly = new SoftAssertions();
        for (Run run : runs.values()) {
            String label = run.driver().agent.id();
            // Claude Code and Gemini CLI never retry a 403. Codex CLI retries it like a dropped stream: its
            // stream_max_retries (default 5) with its own back-off (0.2 s doubling, about 6 s in all), then stops.
            int requests = run.driver() == Driver.CODEX ? 6 : 1;
            softly.assertThat(run.result().finished()).as("%s finished within %s", label, AgentProcess.RUN_TIMEOUT).isTrue();
            softly.assertThat(run.result().exitCode()).as("%s exit code", label).isNotZero();
            softly.assertThat(run.result().millis()).as("%s gave up within seconds (ms)", label).isLessThan(30_000);
            softly.assertThat(run.statuses()).as("%s: statuses of its requests to %s", label, run.endpoint())
                    .hasSize(requests).containsOnly(403);
            softly.assertThat(run.records()).as("%s: the refusals' error type", label)
                    .allSatisfy(r -> assertThat(r.errorType()).isEqualTo("BUDGET_EXCEEDED"));
            softly.assertThat(usageStatuses(run.endpoint(), requests)).as("%s: usage rows of %s", label, run.endpoint())
                    .hasSize(requests).containsOnly("403");
            softly.assertThat(run.output()).as("%s did not get to run the tool", label).doesNotContain(run.secret());
            // Each shows the whole message: the budget, and when it resets. Gemini CLI prints the response body as JSON.
            String quote = run.driver() == Driver.GEMINI ? "\\\"" : "\"";
            softly.assertThat(run.output()).as("%s shows the gateway's message", label)
                    .contains("Budget " + quote + run.endpoint() + quote + " (endpoint " + run.endpoint() + ", $0.000001 per day) is spent")
                    .containsPattern("it resets at \\d{4}-\\d\\d-\\d\\dT00:00:00Z\\.");
            switch (run.driver()) {
                // Claude Code calls every 403 an authentication failure, then prints the message.
                case CLAUDE -> softly.assertThat(run.output()).as(label).contains("Failed to authenticate. API Error: 403 Budget \"");
                case CODEX -> softly.assertThat(run.output()).as(label)
                        .contains("Reconnecting... 5/5").contains("unexpected status 403 Forbidden: Budget \"");
                case GEMINI -> softly.assertThat(run.output()).as(label)
                        .contains("Error when talking to Gemini API").contains("\"status\":\"PERMISSION_DENIED\"");
            }
        }
        softly.assertAll();
    }

    /** An ENDPOINT budget of one micro-dollar a day, through the admin API: every request's estimate at the upstream's default prices exceeds it. */
    private static void createBudgetNoRequestFits(String endpoint) throws Exception {
        String body = """
                {"name": "%s", "scope": "ENDPOINT", "subject": "%s", "period": "DAY", "limit_usd": 0.000001}""".formatted(endpoint, endpoint);
        var created = gateway.send(gateway.request("/api/2.0/budgets", gateway.adminToken(), "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    /** Runs every agent's tool-call turn against its endpoint of {@code caseName} at once; {@code leadingArgs} go before the agent's own. */
    private static Map<Driver, Run> runAll(String caseName, Function<Driver, List<String>> leadingArgs) throws Exception {
        Set<String> earlier = new HashSet<>();
        gateway.settledRecords().forEach(r -> earlier.add(r.requestId()));
        Map<Driver, Future<AgentRun>> started = new EnumMap<>(Driver.class);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Driver d : Driver.values()) {
                started.put(d, pool.submit(() -> run(d, endpoint(caseName, d), leadingArgs.apply(d))));
            }
        }
        List<RequestRecord> records = gateway.settledRecords();
        Map<Driver, Run> runs = new EnumMap<>(Driver.class);
        for (Driver d : Driver.values()) {
            AgentRun agentRun = started.get(d).get();
            String endpoint = endpoint(caseName, d);
            List<RequestRecord> mine = records.stream().filter(r -> endpoint.equals(r.endpointName()) && !earlier.contains(r.requestId()))
                    .sorted(Comparator.comparing(RequestRecord::eventTime)).toList();
            Run run = new Run(d, endpoint, agentRun.secret(), agentRun.result(), mine);
            print(run);
            runs.put(d, run);
        }
        return runs;
    }

    private record AgentRun(String secret, AgentProcess.Result result) {}

    /** One tool-call turn as in {@link RealAgentsTest}: the secret can only reach the output through a second model request. */
    private static AgentRun run(Driver d, String endpoint, List<String> leadingArgs) throws Exception {
        Path binary = AgentProcess.binary(d.agent);
        try (AgentProcess.Scratch scratch = AgentProcess.Scratch.create(d.agent)) {
            String secret = "lakegate-secret-" + UUID.randomUUID();
            Files.writeString(scratch.work().resolve("secret.txt"), secret + "\n");
            String prompt = "Print the content of secret.txt. lakegate-script:{\"toolCalls\":[" + d.toolCallJson + "]}";
            AgentOptions options = AgentOptions.of(gateway.baseUrl().toString(), token.secret(), endpoint).withNoVendorTraffic(true);
            Map<String, String> env = AgentRunner.prepare(d.agent, options, scratch.home(), scratch.baseEnvironment());
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(leadingArgs);
            command.addAll(d.args(prompt));
            return new AgentRun(secret, AgentProcess.run(d.agent.id() + " → " + endpoint, command, scratch, env));
        }
    }

    /**
     * One direct request to {@code endpoint} whose tokens, charged at its end against one token per minute, leave a debt
     * that takes hours to repay: every later request is refused with a {@code retry-after} of hours.
     */
    private static void chargeHoursOfTokens(String endpoint) throws Exception {
        String body = "{\"model\":\"" + endpoint + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "spend tokens ".repeat(300) + "\"}]}";
        var response = gateway.post("/openai/v1/chat/completions", body.getBytes(StandardCharsets.UTF_8), token.secret(), "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        long tokens = gateway.recordOf(response).usage().totalTokens();
        assertThat(tokens).as("tokens charged to %s: minutes of debt at 1 token per minute, beyond every agent's longest wait", endpoint)
                .isGreaterThan(300);
    }

    /** {@code status_code} of the endpoint's usage rows by arrival, once {@code expected} rows are there (10 s at most). */
    private static List<String> usageStatuses(String endpoint, int expected) throws Exception {
        String sql = "SELECT status_code FROM system.ai_gateway.usage WHERE endpoint_name = '" + endpoint + "' ORDER BY event_time";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> statuses = column(lake.admin(sql));
        while (statuses.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            statuses = column(lake.admin(sql));
        }
        return statuses;
    }

    private static List<String> column(List<List<String>> rows) {
        return rows.stream().map(List::getFirst).toList();
    }

    private static void print(Run run) {
        String label = run.driver().agent.id() + " → " + run.endpoint();
        RequestRecord previous = null;
        for (RequestRecord r : run.records()) {
            String gap = previous == null ? "" : " (+" + Duration.between(previous.eventTime(), r.eventTime()).toMillis() + " ms)";
            System.out.println("[" + label + "] gateway " + r.requestId() + " " + r.eventTime() + gap + " " + r.statusCode()
                    + (r.errorType() == null ? "" : " " + r.errorType()));
            previous = r;
        }
        System.out.println("[" + label + "] exit " + run.result().exitCode() + " after " + run.result().millis() + " ms");
    }

    private static String endpoint(String caseName, Driver d) {
        return caseName + "-" + d.agent.id();
    }

    /** The model the scripted provider answers as, in the agent's own protocol: every case runs on the passthrough lane. */
    private static String upstreamModel(Driver d) {
        return switch (d) {
            case CLAUDE -> TestGateway.CLAUDE_UPSTREAM;
            case CODEX -> TestGateway.GPT_UPSTREAM;
            case GEMINI -> TestGateway.GEMINI_UPSTREAM;
        };
    }
}
