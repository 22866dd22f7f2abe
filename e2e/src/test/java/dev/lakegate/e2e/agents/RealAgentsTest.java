package dev.lakegate.e2e.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.cli.agents.Agent;
import dev.lakegate.server.cli.agents.AgentOptions;
import dev.lakegate.server.cli.agents.AgentRunner;
import dev.lakegate.server.cli.sql.UsageCommand;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.scripted.ReceivedRequest;
import dev.lakegate.server.testing.TestGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The real agent CLIs (Claude Code, Codex CLI, Gemini CLI from {@code e2e/agents}) run headless through a
 * real gateway, one tool-call turn each: the prompt carries a {@code lakegate-script:} that makes the
 * scripted model ask the agent's own shell tool to {@code cat secret.txt}; the agent runs it and sends
 * the output back; the scripted model's default answer to a tool-result turn quotes it; the agent prints
 * that answer. So the random secret can only reach the agent's output through a real tool call and a
 * real second model request.
 *
 * <p>Each agent is configured by the same code as {@code lakegate agents run} ({@link AgentRunner#prepare})
 * in a throwaway home, and started with a clean environment (PATH, HOME, TMPDIR, and its own variables).
 * Needs Node 20+ and {@code npm ci --prefix e2e/agents} once.
 */
class RealAgentsTest {
    /** How one agent is driven headless: its tool call for reading the secret, and its command line. */
    enum Driver {
        /** Claude Code: the Bash tool; as root --dangerously-skip-permissions is refused, so the command is allowed instead. */
        CLAUDE(Agent.CLAUDE, "claude-code", true,
                "{\"name\":\"Bash\",\"arguments\":{\"command\":\"cat secret.txt\",\"description\":\"Print the secret\"}}") {
            @Override
            List<String> args(String prompt) {
                return List.of("-p", prompt, "--allowedTools", "Bash(cat:*)");
            }
        },
        /** Codex CLI: exec_command {cmd}; exec mode never asks for approval and reads inside its read-only sandbox. */
        CODEX(Agent.CODEX, "codex-cli", true, "{\"name\":\"exec_command\",\"arguments\":{\"cmd\":\"cat secret.txt\"}}") {
            @Override
            List<String> args(String prompt) {
                return List.of("exec", "--skip-git-repo-check", prompt);
            }
        },
        /** Gemini CLI: run_shell_command, which headless mode only offers with --yolo. */
        GEMINI(Agent.GEMINI, "gemini-cli", false,
                "{\"name\":\"run_shell_command\",\"arguments\":{\"command\":\"cat secret.txt\"}}") {
            @Override
            List<String> args(String prompt) {
                return List.of("-p", prompt, "--yolo");
            }
        };

        final Agent agent;
        final String tool;
        /** The agent sends a session id header (x-claude-code-session-id, session-id); Gemini CLI sends none. */
        final boolean sendsSessionId;
        final String toolCallJson;

        Driver(Agent agent, String tool, boolean sendsSessionId, String toolCallJson) {
            this.agent = agent;
            this.tool = tool;
            this.sendsSessionId = sendsSessionId;
            this.toolCallJson = toolCallJson;
        }

        abstract List<String> args(String prompt);
    }

    /** One run: an agent asking for an endpoint. Same protocol = passthrough; a cross-protocol pair is one more line. */
    record Case(Driver driver, String endpoint) {
        @Override
        public String toString() {
            return driver.agent.id() + " → " + endpoint;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(Driver.CLAUDE, TestGateway.CLAUDE),
                new Case(Driver.CODEX, TestGateway.GPT),
                new Case(Driver.GEMINI, TestGateway.GEMINI),
                new Case(Driver.CLAUDE, "on-gemini"),
                new Case(Driver.CODEX, "on-anthropic"),
                new Case(Driver.GEMINI, "on-chat"));
    }

    /** Upstreams that speak one protocol each, so an agent of another protocol goes through translation. */
    private static final String CROSS_PROVIDERS = """
              - {name: only-anthropic, type: scripted, protocols: [anthropic]}
              - {name: only-chat, type: scripted, protocols: [openai.chat]}
              - {name: only-gemini, type: scripted, protocols: [gemini]}
            """;
    private static final String CROSS_ENDPOINTS = """
              - {name: on-anthropic, destinations: [{provider: only-anthropic, model: claude-sonnet-4-5}]}
              - {name: on-chat, destinations: [{provider: only-chat, model: gpt-4.1}]}
              - {name: on-gemini, destinations: [{provider: only-gemini, model: gemini-2.5-pro}]}
            """;

    private static TestGateway gateway;
    private static TestGateway.Token token;
    private static LakeClient lake;

    @BeforeAll
    static void start() throws Exception {
        // Usage rows commit every 0.3 s, so each case finds its rows in the usage table quickly.
        gateway = TestGateway.start("", CROSS_ENDPOINTS, CROSS_PROVIDERS, "lake: {commit_interval_ms: 300}");
        token = gateway.createToken("real agents e2e", null);
        lake = new LakeClient(gateway);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            // What an admin sees after the runs: `lakegate usage --by tool`.
            CommandLine cli = UsageCommand.register(new CommandLine(new Root()),
                    Map.of("LAKEGATE_URL", gateway.baseUrl().toString(), "LAKEGATE_TOKEN", gateway.adminToken()));
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(out));
            int code = cli.execute("usage", "--by", "tool");
            System.out.println("lakegate usage --by tool (exit " + code + ")\n" + out);
            gateway.close();
        }
    }

    @Command(name = "lakegate")
    static final class Root {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void toolCallTurn(Case c) throws Exception {
        Path binary = AgentProcess.binary(c.driver.agent);
        try (AgentProcess.Scratch scratch = AgentProcess.Scratch.create(c.driver.agent)) {
            run(c, binary, scratch);
        }
    }

    private void run(Case c, Path binary, AgentProcess.Scratch scratch) throws Exception {
        String label = c.toString();
        String secret = "lakegate-secret-" + UUID.randomUUID();
        Files.writeString(scratch.work().resolve("secret.txt"), secret + "\n");
        String prompt = "Print the content of secret.txt. lakegate-script:{\"toolCalls\":[" + c.driver.toolCallJson + "]}";

        AgentOptions options = AgentOptions.of(gateway.baseUrl().toString(), token.secret(), c.endpoint).withNoVendorTraffic(true);
        Map<String, String> env = AgentRunner.prepare(c.driver.agent, options, scratch.home(), scratch.baseEnvironment());

        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(c.driver.args(prompt));
        int upstreamBefore = gateway.scripted().requests().size();
        int recordsBefore = gateway.settledRecords().size();

        AgentProcess.Result result = AgentProcess.run(label, command, scratch, env);
        String out = result.stdout();

        List<ReceivedRequest> all = gateway.scripted().requests();
        List<ReceivedRequest> upstream = all.subList(upstreamBefore, all.size());
        upstream.forEach(r -> System.out.println("[" + label + "] upstream #" + r.seq() + " " + r.method() + " " + r.path()
                + " (" + r.body().length + " bytes" + (hasTools(r) ? ", with tools" : "") + ")"));
        List<RequestRecord> records = gateway.settledRecords();
        records = records.subList(recordsBefore, records.size());
        records.forEach(r -> System.out.println("[" + label + "] gateway " + r.requestId() + " " + r.apiType() + " " + r.statusCode()
                + " tool=" + (r.agent() == null ? null : r.agent().tool() + "/" + r.agent().version() + " session=" + r.agent().sessionId())
                + " streaming=" + r.streaming() + " usage=" + r.usage()));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(result.finished()).as("%s finished within %s", label, AgentProcess.RUN_TIMEOUT).isTrue();
        if (result.finished()) {
            softly.assertThat(result.exitCode()).as("%s exit code (its output is in the test log above)", label).isZero();
        }
        softly.assertThat(out).as("%s printed the scripted model's answer to the tool result, holding the secret", label)
                .contains("Tool result received:").contains(secret);

        List<ReceivedRequest> turns = upstream.stream().filter(RealAgentsTest::hasTools).toList();
        softly.assertThat(turns).as("%s: model requests (with tools) the scripted upstream received", label).hasSize(2);
        if (turns.size() == 2) {
            softly.assertThat(turns.get(0).bodyText()).as("%s: first model request carries the prompt's script", label)
                    .contains("lakegate-script:").doesNotContain(secret);
            softly.assertThat(turns.get(1).bodyText()).as("%s: second model request carries the tool result", label)
                    .contains(toolResultMarker(turns.get(1))).contains(secret);
        }
        softly.assertThat(upstream).as("%s: no request upstream carries the client's token", label)
                .noneMatch(r -> r.bodyText().contains(token.secret()) || r.headers().toString().contains(token.secret()));
        softly.assertThat(records).as("%s: gateway records of the run", label).isNotEmpty();
        softly.assertThat(records).as("%s: no request of the agent failed at the gateway", label)
                .allSatisfy(r -> assertThat(r.statusCode()).as("%s %s %s", r.requestId(), r.apiType(), r.errorType()).isLessThan(400));
        softly.assertThat(records.stream().filter(r -> r.endpointName() != null && r.endpointName().equals(c.endpoint)))
                .as("%s: requests for %s attributed to %s", label, c.endpoint, c.driver.tool)
                .isNotEmpty().allSatisfy(r -> assertThat(r.agent() == null ? null : r.agent().tool()).isEqualTo(c.driver.tool));
        if (c.driver.sendsSessionId) {
            softly.assertThat(records.stream().map(r -> r.agent() == null ? null : r.agent().sessionId()).distinct().toList())
                    .as("%s: one session id, from the agent's header, on every record", label).hasSize(1).doesNotContainNull();
        }
        softly.assertAll();

        // Each of those requests is also a row of the usage table, attributed to the same agent.
        List<String> ids = records.stream().filter(r -> c.endpoint.equals(r.endpointName())).map(RequestRecord::requestId).toList();
        String sql = "SELECT tool, count(*) FROM system.ai_gateway.usage WHERE request_id IN ('" + String.join("', '", ids)
                + "') GROUP BY tool";
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<List<String>> usage = lake.admin(sql);
        while (!usage.equals(List.of(List.of(c.driver.tool, Integer.toString(ids.size())))) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            usage = lake.admin(sql);
        }
        assertThat(usage).as("%s: usage rows of the run's %d requests, by tool", label, ids.size())
                .containsExactly(List.of(c.driver.tool, Integer.toString(ids.size())));
    }

    /** A generation request of an agent turn: one that offers tools (title and other side calls do not). */
    private static boolean hasTools(ReceivedRequest r) {
        if (!r.method().equals("POST") || r.body().length == 0) {
            return false;
        }
        try {
            return r.bodyJson().path("tools").size() > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What a tool result looks like in the protocol the upstream received. */
    private static String toolResultMarker(ReceivedRequest r) {
        String path = r.path();
        if (path.startsWith("/v1/messages")) {
            return "\"tool_result\"";
        }
        if (path.startsWith("/v1/responses")) {
            return "\"function_call_output\"";
        }
        if (path.startsWith("/v1/chat/completions")) {
            return "\"role\":\"tool\"";
        }
        return "\"functionResponse\"";
    }
}
