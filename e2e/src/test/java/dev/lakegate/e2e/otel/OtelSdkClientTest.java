package dev.lakegate.e2e.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.testing.TestGateway;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The OpenTelemetry Java SDK (1.68.0, JDK HTTP sender) as a second real OTLP/HTTP client of a running
 * gateway: metrics of every instrument kind, logs and spans ({@link SdkSignals}) exported in protobuf,
 * gzipped protobuf and OTLP/JSON ({@link SdkWire}) with the bearer token and the table header. Every
 * export must succeed and SQL must then find the rows within 10 s (SPEC §5). An export into a table the
 * caller may not write must fail at the exporter with the gateway's 403 and its message — what rules out
 * a silent drop.
 */
class OtelSdkClientTest {
    private static final String TABLES = "main.telemetry.sdk";
    private static final String METRICS = TABLES + "_otel_metrics";
    private static final String LOGS = TABLES + "_otel_logs";
    private static final String SPANS = TABLES + "_otel_spans";

    private static TestGateway gateway;
    private static LakeClient lake;
    private static String writer;
    private static String reader;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start("", "", "", "lake: {commit_interval_ms: 500}");
        lake = new LakeClient(gateway);
        writer = lake.user("writer");
        reader = lake.user("reader");
        lake.otelTables("main", "telemetry", "sdk", "writer");
        lake.admin("GRANT USE CATALOG ON CATALOG main TO reader");
        lake.admin("GRANT USE SCHEMA ON SCHEMA main.telemetry TO reader");
        for (String table : List.of(METRICS, LOGS, SPANS)) {
            lake.admin("GRANT SELECT ON TABLE " + table + " TO reader");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SdkWire.class)
    void everySignalIsAcknowledgedThenQueryable(SdkWire wire) throws Exception {
        String run = wire.name().toLowerCase() + "-" + UUID.randomUUID();
        SdkSignals t = SdkSignals.record(run);

        assertThat(wire.metrics(url("metrics"), headers(writer, METRICS), t.metrics()).isSuccess()).as("metrics export").isTrue();
        assertThat(wire.logs(url("logs"), headers(writer, LOGS), t.logs()).isSuccess()).as("logs export").isTrue();
        assertThat(wire.spans(url("traces"), headers(writer, SPANS), t.spans()).isSuccess()).as("spans export").isTrue();
        long deadline = System.nanoTime() + 10_000_000_000L;

        String where = " WHERE resource.attributes['test.run'] = '" + run + "'";
        String metricsSql = """
                SELECT name, metric_type, unit,
                  CAST(gauge IS NOT NULL AS INT) + CAST(sum IS NOT NULL AS INT) + CAST(histogram IS NOT NULL AS INT)
                    + CAST(exponential_histogram IS NOT NULL AS INT) + CAST(summary IS NOT NULL AS INT) AS structs,
                  coalesce(sum.value, gauge.value) AS value, sum.is_monotonic, sum.aggregation_temporality,
                  coalesce(sum.attributes['type'], gauge.attributes['room'], histogram.attributes['http.route']) AS attribute,
                  coalesce(histogram.count, exponential_histogram.count) AS count,
                  coalesce(histogram.sum, exponential_histogram.sum) AS hsum, histogram.bucket_counts, histogram.explicit_bounds,
                  exponential_histogram.zero_count, instrumentation_scope.name, instrumentation_scope.version,
                  resource.attributes['process.pid'] AS pid
                FROM %s%s ORDER BY name, value""".formatted(METRICS, where);
        String logsSql = """
                SELECT body, event_name, severity_number, severity_text, trace_id, span_id, attributes['a.bool'],
                  attributes['a.long'], attributes['a.double'], attributes['a.strings'], instrumentation_scope.name
                FROM %s%s ORDER BY body""".formatted(LOGS, where);
        String spansSql = """
                SELECT name, kind, trace_id, span_id, parent_span_id, status.code, status.message, len(events), events[1].name,
                  len(links), links[1].trace_id, links[1].span_id, links[1].trace_state, attributes['http.response.status_code']
                FROM %s%s ORDER BY name""".formatted(SPANS, where);
        List<List<String>> metrics = awaitRows(metricsSql, 6, deadline);
        List<List<String>> logs = awaitRows(logsSql, 3, deadline);
        List<List<String>> spans = awaitRows(spansSql, 3, deadline);

        assertThat(metrics).containsExactly(
                row("lakegate.e2e.duration", "histogram", "s", "1", null, null, null, "/v1/messages", "3", "44.25", "[0,1,1,1]",
                        "[0.1,1.0,10.0]", null, "lakegate.e2e.meter", "1.2.3", "4242"),
                row("lakegate.e2e.in_flight", "sum", "", "1", "-1.0", "false", "AGGREGATION_TEMPORALITY_CUMULATIVE", null, null, null,
                        null, null, null, "lakegate.e2e.meter", "1.2.3", "4242"),
                row("lakegate.e2e.payload", "exponential_histogram", "By", "1", null, null, null, null, "3", "1536.25", null, null,
                        "1", "lakegate.e2e.meter", "1.2.3", "4242"),
                row("lakegate.e2e.requests", "sum", "{request}", "1", "30.0", "true", "AGGREGATION_TEMPORALITY_DELTA", "output", null,
                        null, null, null, null, "lakegate.e2e.meter", "1.2.3", "4242"),
                row("lakegate.e2e.requests", "sum", "{request}", "1", "120.0", "true", "AGGREGATION_TEMPORALITY_DELTA", "input", null,
                        null, null, null, null, "lakegate.e2e.meter", "1.2.3", "4242"),
                row("lakegate.e2e.temperature", "gauge", "Cel", "1", "21.5", null, null, "lab", null, null, null, null, null,
                        "lakegate.e2e.meter", "1.2.3", "4242"));

        var root = t.span("POST /v1/messages").getSpanContext();
        assertThat(logs).containsExactly(
                row("7", "from.attribute", "SEVERITY_NUMBER_UNSPECIFIED", "", null, null, null, null, null, null, "lakegate.e2e.logger"),
                row("plain text body", null, "SEVERITY_NUMBER_INFO", "INFO", root.getTraceId(), root.getSpanId(), "false", "-42", "0.5",
                        "[\"x\",\"y\"]", "lakegate.e2e.logger"),
                row("{\"k\":\"v\",\"n\":1.5}", "lakegate.e2e.event", "SEVERITY_NUMBER_WARN", "", null, null, null, null, null, null,
                        "lakegate.e2e.logger"));

        var child = t.span("chat e2e-claude").getSpanContext();
        var render = t.span("render").getSpanContext();
        assertThat(spans).containsExactly(
                row("POST /v1/messages", "SPAN_KIND_SERVER", root.getTraceId(), root.getSpanId(), null, "STATUS_CODE_OK", "", "0", null,
                        "0", null, null, null, "200"),
                row("chat e2e-claude", "SPAN_KIND_CLIENT", root.getTraceId(), child.getSpanId(), root.getSpanId(), "STATUS_CODE_ERROR",
                        "upstream answered 529", "1", "gen_ai.first_token", "1", SdkSignals.REMOTE_TRACE, SdkSignals.REMOTE_SPAN,
                        "vendor=v1", null),
                row("render", "SPAN_KIND_INTERNAL", root.getTraceId(), render.getSpanId(), root.getSpanId(), "STATUS_CODE_UNSET", "",
                        "0", null, "0", null, null, null, null));
    }

    @ParameterizedTest
    @EnumSource(SdkWire.class)
    void anExportIntoATableTheCallerMayNotWriteFails(SdkWire wire) throws Exception {
        SdkSignals t = SdkSignals.record("refused-" + wire.name().toLowerCase() + "-" + UUID.randomUUID());

        assertRefused(wire.metrics(url("metrics"), headers(reader, METRICS), t.metrics()), METRICS);
        assertRefused(wire.logs(url("logs"), headers(reader, LOGS), t.logs()), LOGS);
        assertRefused(wire.spans(url("traces"), headers(reader, SPANS), t.spans()), SPANS);
        for (String table : List.of(METRICS, LOGS, SPANS)) {
            assertThat(lake.admin("SELECT count(*) FROM " + table + " WHERE resource.attributes['test.run'] = '" + t.run() + "'"))
                    .as("rows of the refused run in " + table).containsExactly(List.of("0"));
        }
    }

    /** The exporter reports failure with the gateway's 403 and the GRANT to run, not success. */
    private static void assertRefused(CompletableResultCode result, String table) {
        assertThat(result.isDone()).as("export into %s finished", table).isTrue();
        assertThat(result.isSuccess()).as("export into %s succeeded", table).isFalse();
        assertThat(result.getFailureThrowable()).isInstanceOfSatisfying(FailedExportException.HttpExportException.class, e -> {
            assertThat(e.failedWithResponse()).isTrue();
            assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
            assertThat(new String(e.getResponse().getResponseBody(), StandardCharsets.UTF_8))
                    .contains("reader does not have MODIFY on table " + table);
        });
    }

    private static String url(String signal) {
        return gateway.baseUrl() + "/api/2.0/otel/v1/" + signal;
    }

    private static Map<String, String> headers(String token, String table) {
        return Map.of("Authorization", "Bearer " + token, "X-Databricks-UC-Table-Name", table);
    }

    /** Polls until the query returns {@code expected} rows; acknowledged rows must be visible by {@code deadline} (10 s). */
    private static List<List<String>> awaitRows(String sql, int expected, long deadline) throws Exception {
        while (true) {
            List<List<String>> rows = lake.ok(reader, sql);
            if (rows.size() >= expected || System.nanoTime() > deadline) {
                assertThat(rows).as("rows visible within 10 s: %s", sql).hasSize(expected);
                return rows;
            }
            Thread.sleep(100);
        }
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }
}
