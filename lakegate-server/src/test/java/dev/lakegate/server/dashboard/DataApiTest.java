package dev.lakegate.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.otel.Otlp;
import dev.lakegate.lake.otel.OtlpEncoding;
import dev.lakegate.lake.otel.OtlpSignal;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.dashboard.charts.Chart;
import dev.lakegate.server.dashboard.charts.ChartCatalogue;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.testing.TestGateway;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's data routes over a running gateway's lake: every chart's statement runs, as the
 * caller (admins all rows, others their own, the {@code user} filter ignored for them), errors name
 * the parameter, empty answers say why, answers are cached until a new commit, and the telemetry
 * tables are shared row by row with their stamped principals, for any SQL too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataApiTest {
    static final Instant NOW = Instant.parse("2026-11-28T00:00:30Z");
    static final String USAGE = "system.ai_gateway.usage";
    static final String METRICS = "main.telemetry.agents_otel_metrics";
    static final String LOGS = "main.telemetry.agents_otel_logs";
    static final long EVENT_NS = Instant.parse("2026-11-27T10:00:00Z").getEpochSecond() * 1_000_000_000L;

    TestGateway gateway;
    LakeClient lake;
    String aliceToken;
    String bobToken;
    Caller admin;
    Caller alice;
    Caller bob;
    Caller carol;
    DataApi api;
    final MovingClock clock = new MovingClock(NOW);

    /** A clock tests move on (within the minute NOW is in, so "range" ends at the same instant). */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start();
        lake = new LakeClient(gateway);
        aliceToken = lake.user("alice");
        bobToken = lake.user("bob");
        String carolToken = lake.user("carol");
        var auth = gateway.gateway().governance().authenticator();
        admin = auth.authenticate(gateway.adminToken()).orElseThrow();
        alice = auth.authenticate(aliceToken).orElseThrow();
        bob = auth.authenticate(bobToken).orElseThrow();
        carol = auth.authenticate(carolToken).orElseThrow();
        insertUsage("('a1', TIMESTAMP '2026-11-27 10:00:00', 'alice', 'claude-code', 'e2e-claude', 'claude-sonnet-4-5', 100, 0.5, NULL, 200)",
                "('a2', TIMESTAMP '2026-11-27 11:00:00', 'alice', 'codex-cli', 'e2e-gpt', 'gpt-5', 200, 1.5, 'RATE_LIMITED', 429)",
                "('b1', TIMESTAMP '2026-11-27 12:00:00', 'bob', 'claude-code', 'e2e-claude', 'claude-sonnet-4-5', 7, 0.25, NULL, 200)",
                "('old', TIMESTAMP '2026-10-01 00:00:00', 'bob', 'claude-code', 'e2e-claude', 'claude-sonnet-4-5', 1000, 9.0, NULL, 200)");
        lake.otelTables("main", "telemetry", "agents");
        Lake lk = gateway.gateway().lake();
        append(lk, METRICS, Otlp.decode(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, sessions("claude-code", 2).toByteArray(), "alice").rows());
        append(lk, METRICS, Otlp.decode(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, sessions("claude-code", 1).toByteArray(), "bob").rows());
        append(lk, METRICS, Otlp.decode(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, cumulativeSessions().toByteArray(), "alice").rows());
        append(lk, LOGS, Otlp.decode(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, conversationStart().toByteArray(), "bob").rows());
        api = DataApi.start(lk, gateway.gateway().budgets(), group -> List.of(), Optional.of("main.telemetry.agents"), clock);
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void everyChartsStatementRunsAndTheCatalogueListsThem() throws Exception {
        JsonNode catalogue = call("/ui/api/charts", Map.of(), admin);
        assertThat(catalogue).hasSize(ChartCatalogue.load().all().size());
        for (Chart chart : ChartCatalogue.load().all()) {
            for (Caller who : List.of(admin, bob)) {
                JsonNode answer = chart(chart.id(), Map.of("range", "30d"), who);
                assertThat(answer.path("id").asText()).isEqualTo(chart.id());
                assertThat(answer.path("sql").asText()).as(chart.id()).doesNotContain(":from", ":grain", "/*filters*/");
                assertThat(answer.path("columns")).as(chart.id()).isNotEmpty();
            }
        }
    }

    @Test
    void adminsSeeEveryRowOthersTheirOwnWhateverTheUserFilter() throws Exception {
        assertThat(kpis(Map.of(), admin)).containsExactly(3, 307, 2.25, 2);
        assertThat(kpis(Map.of(), alice)).containsExactly(2, 300, 2.0, 1);
        assertThat(kpis(Map.of("user", "alice"), bob)).containsExactly(1, 7, 0.25, 1);
        assertThat(kpis(Map.of("user", "alice"), admin)).containsExactly(2, 300, 2.0, 1);
        assertThat(kpis(Map.of("tool", "codex-cli"), admin)).containsExactly(1, 200, 1.5, 1);
        assertThat(kpis(Map.of("range", "90d"), bob)).containsExactly(2, 1007, 9.25, 1);
        JsonNode byUser = chart("usage.by_user", Map.of(), bob);
        assertThat(byUser.path("rows")).hasSize(1);
        assertThat(byUser.path("rows").get(0).get(0).asText()).isEqualTo("bob");
    }

    @Test
    void aQuoteInAFilterStaysInsideItsLiteral() throws Exception {
        JsonNode answer = chart("overview.kpis", Map.of("tool", "x' OR true OR tool = ':from"), admin);
        assertThat(answer.path("sql").asText()).contains("AND tool = 'x'' OR true OR tool = '':from'");
        assertThat(answer.path("rows").get(0).get(0).asInt()).isZero();
        assertThat(answer.path("empty").path("reason").asText()).isEqualTo("NO_MATCH");
    }

    @Test
    void badParametersAre400sNamingThemAndUnknownCharts404() {
        assertThatThrownBy(() -> chart("overview.kpis", Map.of("range", "1y"), admin)).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).error().status()).isEqualTo(400)).hasMessageContaining("'range'");
        assertThatThrownBy(() -> chart("overview.kpis", Map.of("tool", "x".repeat(201)), admin))
                .hasMessageContaining("'tool'").hasMessageContaining("200");
        assertThatThrownBy(() -> chart("overview.kpis", Map.of("from", "2020-01-01", "to", "2026-01-01"), admin))
                .hasMessageContaining("'to'").hasMessageContaining("400 days");
        assertThatThrownBy(() -> chart("nope.chart", Map.of(), admin)).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).error().status()).isEqualTo(404));
    }

    @Test
    void emptyAnswersSayWhy() throws Exception {
        assertThat(chart("overview.requests", Map.of(), carol).path("empty").path("reason").asText()).isEqualTo("NO_USAGE");
        assertThat(chart("overview.requests", Map.of("model", "none-such"), admin).path("empty").path("reason").asText()).isEqualTo("NO_MATCH");
        assertThat(chart("overview.requests", Map.of(), admin).path("empty").isNull()).isTrue();
        assertThat(chart("agents.sessions", Map.of(), carol).path("empty").path("reason").asText()).isEqualTo("NO_TELEMETRY_ROWS");
        assertThat(chart("usage.budgets", Map.of(), admin).path("empty").path("reason").asText()).isEqualTo("NO_BUDGETS");
        JsonNode status = call("/ui/api/status", Map.of(), carol);
        assertThat(status.path("usage_rows_any").asBoolean()).isFalse();
        assertThat(status.path("telemetry").path("configured").asBoolean()).isTrue();
        assertThat(status.path("telemetry").path("tables").path("spans").asBoolean()).isTrue();
        assertThat(status.path("telemetry").path("rows_any").asBoolean()).isFalse();
        assertThat(call("/ui/api/status", Map.of(), bob).path("telemetry").path("rows_any").asBoolean()).isTrue();
    }

    @Test
    void agentsChartsReadEachPrincipalsOwnTelemetry() throws Exception {
        assertThat(rows(chart("agents.kpis_by_tool", Map.of(), admin), 0, 1))
                .containsExactly(List.of("claude-code", "3.0"), List.of("gemini-cli", "3.0"), List.of("codex-cli", "1.0"));
        assertThat(rows(chart("agents.kpis_by_tool", Map.of(), bob), 0, 1)).containsExactly(List.of("claude-code", "1.0"), List.of("codex-cli", "1.0"));
        assertThat(rows(chart("agents.by_user", Map.of(), admin), 0, 1, 2))
                .containsExactly(List.of("alice", "gemini-cli", "3.0"), List.of("alice", "claude-code", "2.0"), List.of("bob", "claude-code", "1.0"),
                        List.of("bob", "codex-cli", "1.0"));
        assertThat(rows(chart("agents.by_user", Map.of("user", "alice"), bob), 0)).containsOnly(List.of("bob"));
    }

    @Test
    void agentsChartsCatchUpOnTelemetryCommittedSinceTheirLastAnswer() throws Exception {
        Map<String, String> query = Map.of("range", "30d", "tool", "claude-code", "user", "alice");
        assertThat(rows(chart("agents.kpis_by_tool", query, admin), 0, 1)).containsExactly(List.of("claude-code", "2.0"));
        long weeksAgo = EVENT_NS - Duration.ofDays(20).toNanos(); // outside the other tests' 7-day ranges
        append(gateway.gateway().lake(), METRICS, Otlp.decode(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF,
                sessions("claude-code", 4, weeksAgo).toByteArray(), "alice").rows());
        clock.advance(Duration.ofMillis(1_001)); // past the versions' memo
        JsonNode after = chart("agents.kpis_by_tool", query, admin);
        assertThat(after.path("cached").asBoolean()).isFalse();
        assertThat(rows(after, 0, 1)).containsExactly(List.of("claude-code", "6.0"));
        assertThat(rows(chart("agents.sessions", query, alice), 0, 2)).contains(List.of("2026-11-07", "4.0"));
    }

    @Test
    void aNonAdminsSqlOverTheTelemetryTablesSeesOnlyTheirRows() throws Exception {
        assertThat(lake.admin("SELECT count(DISTINCT resource.attributes['lakegate.principal']) FROM " + METRICS)).containsExactly(List.of("2"));
        for (String shape : List.of(
                "SELECT count(*) FROM " + METRICS,
                "SELECT count(*) FROM " + METRICS + " AS m WHERE m.resource.attributes['lakegate.principal'] <> 'bob' OR true",
                "SELECT count(*) FROM (SELECT * FROM " + METRICS + ") x",
                "WITH everyone AS (SELECT * FROM " + METRICS + ") SELECT count(*) FROM everyone",
                "SELECT count(*) FROM " + METRICS + " a JOIN " + METRICS + " b ON a.name = b.name")) {
            assertThat(lake.ok(bobToken, shape)).as(shape).containsExactly(List.of("1"));
        }
        assertThat(lake.ok(aliceToken, "SELECT DISTINCT resource.attributes['lakegate.principal'] FROM " + METRICS)).containsExactly(List.of("alice"));
        lake.admin("CREATE VIEW main.telemetry.all_metrics AS SELECT * FROM " + METRICS);
        lake.admin("GRANT SELECT ON VIEW main.telemetry.all_metrics TO bob");
        assertThat(lake.ok(bobToken, "SELECT count(*) FROM main.telemetry.all_metrics")).containsExactly(List.of("1"));
        String location = gateway.gateway().lake().catalog().getTable(TableName.parse(METRICS)).orElseThrow().location();
        assertThat(lake.failed(bobToken, "SELECT count(*) FROM read_parquet('" + location + "/*.parquet')").path("message").asText())
                .contains("Table function read_parquet cannot be used");
    }

    @Test
    void answersAreCachedUntilANewCommit() throws Exception {
        Map<String, String> range = Map.of("range", "24h");
        JsonNode first = chart("usage.by_endpoint", range, alice);
        JsonNode again = chart("usage.by_endpoint", range, alice);
        assertThat(again.path("cached").asBoolean()).isTrue();
        assertThat(again.path("rows")).isEqualTo(first.path("rows"));
        assertThat(chart("usage.by_endpoint", range, bob).path("cached").asBoolean()).as("another reader's scope").isFalse();
        // a commit after every range of these tests: other answers stay as they were, but not cached
        insertUsage("('later', TIMESTAMP '2026-12-01 00:00:00', 'alice', 'claude-code', 'e2e-new', 'claude-sonnet-4-5', 1, 0.0, NULL, 200)");
        assertThat(chart("usage.by_endpoint", range, alice).path("cached").asBoolean()).as("within the versions' memo").isTrue();
        clock.advance(Duration.ofMillis(1_001));
        assertThat(chart("usage.by_endpoint", range, alice).path("cached").asBoolean()).isFalse();
    }

    @Test
    void filtersListWhatIsInTheRangeAndUsersOnlyForAdmins() throws Exception {
        JsonNode forAdmin = call("/ui/api/filters", Map.of("range", "7d", "tool", "ignored"), admin);
        assertThat(forAdmin.path("tools").toString()).contains("claude-code", "codex-cli");
        assertThat(forAdmin.path("users").toString()).contains("alice", "bob");
        JsonNode forBob = call("/ui/api/filters", Map.of(), bob);
        assertThat(forBob.path("tools").toString()).isEqualTo("[\"claude-code\"]");
        assertThat(forBob.has("users")).isFalse();
    }

    private List<Number> kpis(Map<String, String> query, Caller who) throws Exception {
        JsonNode row = chart("overview.kpis", query, who).path("rows").get(0);
        return List.of(row.get(0).asInt(), row.get(1).asInt(), row.get(2).asDouble(), row.get(3).asInt());
    }

    private static List<List<String>> rows(JsonNode answer, int... columns) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode row : answer.path("rows")) {
            List<String> r = new ArrayList<>();
            for (int c : columns) {
                r.add(row.get(c).asText());
            }
            out.add(r);
        }
        return out;
    }

    private JsonNode chart(String id, Map<String, String> query, Caller who) throws Exception {
        return call("/ui/api/charts/{id}", query, who, Map.of("id", id));
    }

    private JsonNode call(String template, Map<String, String> query, Caller who) throws Exception {
        return call(template, query, who, Map.of());
    }

    private JsonNode call(String template, Map<String, String> query, Caller who, Map<String, String> pathParams) throws Exception {
        ApiRoute route = api.routes().stream().filter(r -> r.pathTemplate().equals(template)).findFirst().orElseThrow();
        Map<String, List<String>> q = new HashMap<>();
        query.forEach((k, v) -> q.put(k, List.of(v)));
        Object body = route.handler().handle(new ApiRequest("GET", template, pathParams, q, new byte[0], who)).body();
        return TestGateway.JSON.valueToTree(body);
    }

    private void insertUsage(String... rows) throws Exception {
        lake.admin("INSERT INTO " + USAGE + " (request_id, event_time, requester, tool, endpoint_name, destination_model, total_tokens, "
                + "cost_usd, error_type, status_code) VALUES " + String.join(", ", rows));
    }

    private static void append(Lake lake, String table, List<Row> rows) {
        String location = lake.catalog().getTable(TableName.parse(table)).orElseThrow().location();
        lake.tables().open(location).append(rows);
    }

    private static ExportMetricsServiceRequest sessions(String service, int count) {
        return sessions(service, count, EVENT_NS);
    }

    private static ExportMetricsServiceRequest sessions(String service, int count, long ns) {
        Sum.Builder sum = Sum.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        for (int i = 0; i < count; i++) {
            sum.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(ns + i).setAsDouble(1));
        }
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource(service))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("claude_code.session.count").setSum(sum))))
                .build();
    }

    /** Gemini CLI's cumulative counter: 1, 2, 3 since one start time is 3 sessions, not 6. */
    private static ExportMetricsServiceRequest cumulativeSessions() {
        Sum.Builder sum = Sum.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        for (int i = 1; i <= 3; i++) {
            sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(EVENT_NS).setTimeUnixNano(EVENT_NS + i).setAsDouble(i));
        }
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource("gemini-cli"))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("gemini_cli.session.count").setSum(sum))))
                .build();
    }

    private static ExportLogsServiceRequest conversationStart() {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().setResource(resource("codex_cli_rs"))
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setTimeUnixNano(EVENT_NS)
                        .setEventName("codex.conversation_starts")))).build();
    }

    private static Resource resource(String service) {
        return Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                .setValue(AnyValue.newBuilder().setStringValue(service))).build();
    }
}
