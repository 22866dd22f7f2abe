package dev.lakegate.server.dashboard.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.AppendResult;
import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.otel.Otlp;
import dev.lakegate.lake.otel.OtlpEncoding;
import dev.lakegate.lake.otel.OtlpSignal;
import dev.lakegate.server.cli.demo.DemoData;
import dev.lakegate.server.cli.demo.DemoPeople;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.testing.TestGateway;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hourly rollup holds what the raw telemetry tables give, catches up on only what was appended since,
 * never twice, and shows each principal only their rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentRollupTest {
    static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");
    static final long SERIES_START_NS = Instant.parse("2026-11-27T10:00:00Z").getEpochSecond() * 1_000_000_000L;
    static final TelemetryTables TELEMETRY = TelemetryTables.of(DemoData.TELEMETRY_TABLES);
    static final String TOOL = "CASE WHEN resource.attributes['service.name'] LIKE 'claude-code%' THEN 'claude-code' "
            + "WHEN resource.attributes['service.name'] LIKE 'codex%' THEN 'codex-cli' "
            + "WHEN resource.attributes['service.name'] = 'gemini-cli' THEN 'gemini-cli' ELSE resource.attributes['service.name'] END";
    /** DELTA metric sums per dimension, from the raw table and from the rollup (ordered alike: the sums last). */
    static final String RAW_METRICS = "SELECT name, " + TOOL + ", resource.attributes['lakegate.principal'], sum.attributes['model'], "
            + "sum.attributes['type'], sum(sum.value) FROM " + TELEMETRY.metrics().fullName()
            + " WHERE metric_type = 'sum' AND sum.aggregation_temporality <> 'AGGREGATION_TEMPORALITY_CUMULATIVE' AND name IN ("
            + String.join(", ", AgentRollup.METRICS.stream().map(SqlLiterals::string).toList()) + ") GROUP BY ALL ORDER BY ALL";
    static final String ROLLED_METRICS = "SELECT name, tool, principal, model, type, sum(value) FROM "
            + AgentRollup.TABLE.fullName() + " WHERE source = 'metric' AND series IS NULL GROUP BY ALL ORDER BY ALL";
    static final String RAW_EVENTS = "SELECT event_name, " + TOOL + ", resource.attributes['lakegate.principal'], "
            + "CASE WHEN event_name = 'codex.tool_decision' THEN CASE WHEN attributes['decision'] LIKE 'approved%' THEN 'accept' "
            + "WHEN attributes['decision'] IN ('denied', 'abort') THEN 'reject' END END, count(*) FROM " + TELEMETRY.logs().fullName()
            + " WHERE event_name IN ('codex.conversation_starts', 'codex.tool_decision') GROUP BY ALL ORDER BY ALL";
    static final String ROLLED_EVENTS = "SELECT name, tool, principal, decision, CAST(sum(points) AS BIGINT) FROM " + AgentRollup.TABLE.fullName()
            + " WHERE source = 'event' GROUP BY ALL ORDER BY ALL";

    TestGateway gateway;
    LakeClient lake;
    Lake lk;
    String bobToken;
    AgentRollup rollup;

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start();
        lake = new LakeClient(gateway);
        lk = gateway.gateway().lake();
        bobToken = lake.user("bob");
        DemoData.write(lk, DemoPeople.admin(gateway.gateway()), 7, 0, 6_000, NOW);
        TELEMETRY.shareRows(lk);
        rollup = AgentRollup.start(lk, TELEMETRY);
        rollup.catchUp(Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void holdsWhatTheRawTablesGiveAndCatchesUpOnlyOnWhatWasAppended() throws Exception {
        assertSameSums(lake.admin(ROLLED_METRICS), lake.admin(RAW_METRICS));
        assertThat(lake.admin(ROLLED_EVENTS)).isNotEmpty().isEqualTo(lake.admin(RAW_EVENTS));
        assertThat(rollupTable().transactionVersion(AgentRollup.appId(TELEMETRY.metrics())))
                .contains(source(TELEMETRY.metrics()).snapshot().version());

        DemoData.appendTelemetry(lk, DemoData.telemetry(8, 2_000, NOW));
        rollup.catchUp(Map.of(TELEMETRY.metrics(), source(TELEMETRY.metrics()).snapshot().version(), TELEMETRY.logs(),
                source(TELEMETRY.logs()).snapshot().version()));
        assertSameSums(lake.admin(ROLLED_METRICS), lake.admin(RAW_METRICS));
        assertThat(lake.admin(ROLLED_EVENTS)).isEqualTo(lake.admin(RAW_EVENTS));
        assertThat(lake.admin("SELECT count(*) > 0 FROM (SELECT hour, principal, tool, name, model, type, decision FROM " + AgentRollup.TABLE
                + " WHERE source = 'metric' GROUP BY ALL HAVING count(*) > 1)")).as("an hour rolled up in two catch-ups")
                .containsExactly(List.of("true"));
    }

    @Test
    void aCumulativeSeriesCountsItsLargestValueAcrossCatchUps() throws Exception {
        append(TELEMETRY.metrics(), cumulative(1, 2));
        rollup.catchUp(Map.of());
        append(TELEMETRY.metrics(), cumulative(3));
        rollup.catchUp(Map.of());
        String sql = ChartCatalogue.load().find("agents.kpis_by_tool").orElseThrow().template();
        String rendered = Params.parse(Map.of("range", List.of("30d"), "tool", List.of("gemini-cli"), "user", List.of("zed")), NOW, true)
                .render(sql, Source.TELEMETRY, Map.of());
        assertThat(lake.admin(rendered)).extracting(r -> r.get(1)).containsExactly("3.0"); // 1, 2, 3 since one start: 3, not 6
    }

    @Test
    void aReplayedOrOvertakenCatchUpIsSkippedAndARestartAddsNothing() throws Exception {
        List<List<String>> before = lake.admin("SELECT count(*), sum(points) FROM " + AgentRollup.TABLE);
        long watermark = rollupTable().transactionVersion(AgentRollup.appId(TELEMETRY.logs())).orElseThrow();
        Row row = Row.of(NOW, "bob", "codex-cli", "event", "codex.conversation_starts", null, null, null, null, null, 1.0, 1L, null);
        assertThat(rollupTable().append(List.of(row), AgentRollup.appId(TELEMETRY.logs()), watermark)).isInstanceOf(AppendResult.Skipped.class);
        // a catch-up from an older watermark, committing after this one moved it: nothing (those versions are in)
        assertThat(rollupTable().appendAfter(List.of(row), AgentRollup.appId(TELEMETRY.logs()), Optional.of(watermark - 1), watermark + 1))
                .isInstanceOf(AppendResult.Skipped.class);
        AgentRollup.start(lk, TELEMETRY).catchUp(Map.of()); // a new process: no memo, reads the watermark from the table
        assertThat(lake.admin("SELECT count(*), sum(points) FROM " + AgentRollup.TABLE)).isEqualTo(before);
    }

    @Test
    void principalsReadOnlyTheirOwnRowsAndCannotWrite() throws Exception {
        assertThat(lake.ok(bobToken, "SELECT DISTINCT principal FROM " + AgentRollup.TABLE)).containsExactly(List.of("bob"));
        assertThat(lake.ok(bobToken, "SELECT count(*) FROM " + AgentRollup.TABLE + " WHERE principal <> 'bob' OR true"))
                .isEqualTo(lake.admin("SELECT count(*) FROM " + AgentRollup.TABLE + " WHERE principal = 'bob'"));
        assertThat(lake.failed(bobToken, "INSERT INTO " + AgentRollup.TABLE + " (principal) VALUES ('bob')").path("message").asText())
                .isNotEmpty();
    }

    /** The same keys (all columns but the last), each with the same sum but for the order of additions. */
    private static void assertSameSums(List<List<String>> actual, List<List<String>> expected) {
        assertThat(expected).isNotEmpty();
        assertThat(actual).extracting(r -> r.subList(0, r.size() - 1)).isEqualTo(expected.stream().map(r -> r.subList(0, r.size() - 1)).toList());
        for (int i = 0; i < expected.size(); i++) {
            double want = Double.parseDouble(expected.get(i).getLast());
            assertThat(Double.parseDouble(actual.get(i).getLast())).as("%s", expected.get(i))
                    .isCloseTo(want, within(1e-9 * Math.max(1, Math.abs(want))));
        }
    }

    private DeltaTable rollupTable() {
        return lk.tables().open(lk.catalog().getTable(AgentRollup.TABLE).orElseThrow().location());
    }

    private DeltaTable source(TableName table) {
        return lk.tables().open(lk.catalog().getTable(table).orElseThrow().location());
    }

    private void append(TableName table, ExportMetricsServiceRequest request) {
        source(table).append(Otlp.decode(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, request.toByteArray(), "zed").rows());
    }

    /** Gemini CLI's cumulative session counter (of a user the demo data has none for): points {@code values} since one start time. */
    private static ExportMetricsServiceRequest cumulative(int... values) {
        Sum.Builder sum = Sum.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        for (int v : values) {
            sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(SERIES_START_NS)
                    .setTimeUnixNano(SERIES_START_NS + v * 60_000_000_000L).setAsDouble(v));
        }
        Resource resource = Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                .setValue(AnyValue.newBuilder().setStringValue("gemini-cli"))).build();
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource)
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("gemini_cli.session.count").setSum(sum))))
                .build();
    }
}
