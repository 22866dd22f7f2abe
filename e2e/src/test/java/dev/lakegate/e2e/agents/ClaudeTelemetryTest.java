package dev.lakegate.e2e.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.server.cli.agents.Agent;
import dev.lakegate.server.cli.agents.AgentOptions;
import dev.lakegate.server.cli.agents.AgentRunner;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.testing.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Claude Code's own OpenTelemetry export lands in the SPEC §5 tables: one real {@code claude -p} text
 * turn against the scripted model, configured by {@link AgentRunner#prepare} with telemetry on (what
 * {@code lakegate agents configure claude --telemetry} writes), then SQL finds the run's session: the
 * {@code claude_code.*} token and cost metrics with positive sums, and the {@code user_prompt} and
 * {@code api_request} events with the model. Once over OTLP/HTTP protobuf (the product page's
 * setting) and once over {@code http/json}, so a real client drives the JSON path too.
 *
 * <p>Changed from the generated settings, in {@code settings.json}'s env block (the only source of the
 * run's {@code OTEL_*} settings: {@code prepare} drops the caller's): the protocol of the run, export
 * intervals of 1 s / 0.5 s instead of 10 s / 5 s (Claude Code also flushes at exit; shorter intervals
 * only make the run more like a long session),
 * and the endpoints' origin, which points at an {@link OtlpTap} in front of the gateway that notes the
 * media type of every export. The session id is fixed with {@code --session-id} so that the queries can
 * select exactly this run. {@code CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC} stays on (as {@code agents
 * run} sets it): it does not turn the OpenTelemetry export off.
 */
class ClaudeTelemetryTest {
    private static final String TABLES = "main.telemetry.cc";
    private static final String METRICS = TABLES + "_otel_metrics";
    private static final String LOGS = TABLES + "_otel_logs";

    /** The protocol Claude Code is told to use, and the media type that must then arrive. */
    enum Wire {
        PROTOBUF("http/protobuf", "application/x-protobuf"),
        JSON("http/json", "application/json");

        final String protocol;
        final String mediaType;

        Wire(String protocol, String mediaType) {
            this.protocol = protocol;
            this.mediaType = mediaType;
        }
    }

    private static TestGateway gateway;
    private static LakeClient lake;
    private static String token;
    private static OtlpTap tap;

    @BeforeAll
    static void start() throws Exception {
        // Commits every 0.5 s: rows are visible soon after Claude Code's export at exit.
        gateway = TestGateway.start("", "", "", "lake: {commit_interval_ms: 500}");
        lake = new LakeClient(gateway);
        token = lake.user("cc-agent");
        lake.otelTables("main", "telemetry", "cc", "cc-agent");
        tap = OtlpTap.start(gateway.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (tap != null) {
            tap.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aTextTurnsTelemetryIsQueryableBySession(Wire wire) throws Exception {
        String label = "claude telemetry " + wire.protocol;
        String session = UUID.randomUUID().toString();
        Path binary = AgentProcess.binary(Agent.CLAUDE);
        int exportsBefore = tap.exports().size();
        int recordsBefore = gateway.settledRecords().size();
        AgentProcess.Result result;
        try (AgentProcess.Scratch scratch = AgentProcess.Scratch.create(Agent.CLAUDE)) {
            AgentOptions options = AgentOptions.of(gateway.baseUrl().toString(), token, TestGateway.CLAUDE)
                    .withNoVendorTraffic(true).withTelemetry(true, TABLES);
            Map<String, String> env = AgentRunner.prepare(Agent.CLAUDE, options, scratch.home(), scratch.baseEnvironment());
            adjustSettings(scratch.home().resolve(".claude/settings.json"), wire);
            result = AgentProcess.run(label, List.of(binary.toString(), "-p", "say hi", "--session-id", session), scratch, env);
        }
        assertThat(result.finished()).as("%s finished within %s", label, AgentProcess.RUN_TIMEOUT).isTrue();
        assertThat(result.exitCode()).as("%s exit code (its output is in the test log above)", label).isZero();
        assertThat(result.stdout()).as("the scripted model's answer").contains("Hello from the Lakegate scripted model");

        String metricsSql = """
                SELECT name, metric_type, sum.attributes['type'] AS type, sum.attributes['model'] AS model,
                       sum(sum.value) AS total, count(*) AS points
                FROM %s WHERE sum.attributes['session.id'] = '%s'
                GROUP BY ALL ORDER BY ALL""".formatted(METRICS, session);
        String logsSql = """
                SELECT event_name, attributes['model'] AS model, attributes['input_tokens'] AS input_tokens,
                       attributes['output_tokens'] AS output_tokens, attributes['cost_usd'] AS cost_usd,
                       attributes['query_source'] AS query_source, resource.attributes['service.name'] AS service
                FROM %s WHERE attributes['session.id'] = '%s'
                ORDER BY CAST(attributes['event.sequence'] AS BIGINT)""".formatted(LOGS, session);
        // Claude Code flushes both exporters before it exits; acknowledged rows are visible within 10 s (SPEC §5).
        Predicate<List<List<String>>> metricsDone = rows -> positive(rows, "claude_code.token.usage") && positive(rows, "claude_code.cost.usage");
        Predicate<List<List<String>>> logsDone = rows -> hasEvent(rows, "user_prompt") && hasEvent(rows, "api_request");
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<List<String>> metrics;
        List<List<String>> logs;
        while (true) {
            metrics = lake.admin(metricsSql);
            logs = lake.admin(logsSql);
            if (metricsDone.test(metrics) && logsDone.test(logs) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(250);
        }
        print(label, metricsSql, List.of("name", "metric_type", "type", "model", "total", "points"), metrics);
        print(label, logsSql, List.of("event_name", "model", "input_tokens", "output_tokens", "cost_usd", "query_source", "service"),
                logs);

        List<OtlpTap.Export> exports = tap.exports().subList(exportsBefore, tap.exports().size());
        exports.forEach(e -> System.out.println("[" + label + "] export " + e));
        List<RequestRecord> records = gateway.settledRecords();
        records = records.subList(recordsBefore, records.size());
        records.forEach(r -> System.out.println("[" + label + "] gateway " + r.requestId() + " " + r.endpointName() + " " + r.statusCode()
                + " session=" + (r.agent() == null ? null : r.agent().sessionId()) + " usage=" + r.usage()));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(exports).as("exports to both signals").extracting(OtlpTap.Export::path)
                .contains("/api/2.0/otel/v1/metrics", "/api/2.0/otel/v1/logs");
        softly.assertThat(exports).as("every export was sent as %s and acknowledged", wire.protocol)
                .allSatisfy(e -> {
                    assertThat(e.contentType()).isEqualTo(wire.mediaType);
                    assertThat(e.status()).isEqualTo(200);
                });
        softly.assertThat(metricsDone.test(metrics)).as("token and cost sums > 0 for session %s within 10 s", session).isTrue();
        softly.assertThat(metrics).as("every claude_code metric is a sum").allSatisfy(r -> assertThat(r.get(1)).isEqualTo("sum"));
        softly.assertThat(logsDone.test(logs)).as("user_prompt and api_request events of session %s within 10 s", session).isTrue();
        // The metrics name the model Claude Code asked for (the endpoint); the events the model its answer named,
        // which is the upstream's: the gateway passes the provider's model name through.
        softly.assertThat(metrics).as("token and cost metrics name the endpoint")
                .filteredOn(r -> r.getFirst().equals("claude_code.token.usage") || r.getFirst().equals("claude_code.cost.usage"))
                .allSatisfy(r -> assertThat(r.get(3)).isEqualTo(TestGateway.CLAUDE));
        List<List<String>> requests = logs.stream().filter(r -> "api_request".equals(r.getFirst())).toList();
        softly.assertThat(requests).as("api_request events name the model of the answer").isNotEmpty()
                .allSatisfy(r -> assertThat(r.get(1)).isEqualTo(TestGateway.CLAUDE_UPSTREAM));
        softly.assertThat(logs).as("every event comes from the claude-code service").allSatisfy(r -> assertThat(r.get(6)).isEqualTo("claude-code"));
        softly.assertThat(records).as("the gateway's records of the model calls carry the same session id").isNotEmpty()
                .allSatisfy(r -> assertThat(r.agent() == null ? null : r.agent().sessionId()).isEqualTo(session));
        // The same token counts three ways: Claude Code's metric, its events, and what the gateway read from the stream.
        long gatewayInput = records.stream().mapToLong(r -> r.usage().inputTokens()).sum();
        long gatewayOutput = records.stream().mapToLong(r -> r.usage().outputTokens()).sum();
        softly.assertThat(List.of(total(metrics, "input"), events(requests, 2))).as("input tokens: metric, events; gateway %d", gatewayInput)
                .containsOnly((double) gatewayInput);
        softly.assertThat(List.of(total(metrics, "output"), events(requests, 3))).as("output tokens: metric, events; gateway %d", gatewayOutput)
                .containsOnly((double) gatewayOutput);
        softly.assertAll();
    }

    /** The run's protocol and shorter export intervals; the OTLP endpoints through the tap. */
    private static void adjustSettings(Path settings, Wire wire) throws Exception {
        ObjectNode root = (ObjectNode) TestGateway.JSON.readTree(settings.toFile());
        ObjectNode env = (ObjectNode) root.path("env");
        for (String name : List.of("OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL")) {
            env.put(name, wire.protocol);
        }
        env.put("OTEL_METRIC_EXPORT_INTERVAL", "1000");
        env.put("OTEL_LOGS_EXPORT_INTERVAL", "500");
        for (String name : List.of("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT")) {
            String url = env.path(name).asText();
            assertThat(url).as(name + " from the generated settings").startsWith(gateway.baseUrl().toString());
            env.put(name, tap.origin() + url.substring(gateway.baseUrl().toString().length()));
        }
        Files.writeString(settings, TestGateway.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static boolean positive(List<List<String>> metrics, String name) {
        return metrics.stream().filter(r -> r.getFirst().equals(name)).mapToDouble(r -> Double.parseDouble(r.get(4))).sum() > 0;
    }

    /** The session's {@code claude_code.token.usage} of one type. */
    private static double total(List<List<String>> metrics, String type) {
        return metrics.stream().filter(r -> r.getFirst().equals("claude_code.token.usage") && type.equals(r.get(2)))
                .mapToDouble(r -> Double.parseDouble(r.get(4))).sum();
    }

    private static double events(List<List<String>> requests, int column) {
        return requests.stream().mapToDouble(r -> Double.parseDouble(r.get(column))).sum();
    }

    private static boolean hasEvent(List<List<String>> logs, String event) {
        return logs.stream().anyMatch(r -> event.equals(r.getFirst()));
    }

    /** The query and its answer as a table, for the log. */
    private static void print(String label, String sql, List<String> header, List<List<String>> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(" | ", header));
        rows.forEach(r -> lines.add(String.join(" | ", r.stream().map(String::valueOf).toList())));
        System.out.println("[" + label + "] SQL:\n" + sql.indent(4) + "[" + label + "] " + rows.size() + " rows:\n"
                + String.join("\n", lines).indent(4));
    }
}
