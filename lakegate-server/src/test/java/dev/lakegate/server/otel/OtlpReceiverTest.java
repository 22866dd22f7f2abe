package dev.lakegate.server.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.testing.TestGateway;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OTLP/HTTP receiver through the running gateway: rows land in the tables users created with
 * the product's DDL and are queryable with SQL; every refusal is a clear 4xx (or a retryable 503)
 * with a {@code google.rpc.Status} body in the request's encoding.
 */
class OtlpReceiverTest {
    static final String METRICS = "main.telemetry.cc_otel_metrics";
    static final String LOGS = "main.telemetry.cc_otel_logs";
    static final String SPANS = "main.telemetry.cc_otel_spans";
    static final String PROTOBUF = "application/x-protobuf";

    TestGateway gateway;
    LakeClient lake;
    String bob;

    @BeforeEach
    void setUp() throws Exception {
        start("");
    }

    private void start(String settings) throws Exception {
        gateway = TestGateway.start("", "", "", settings);
        lake = new LakeClient(gateway);
        bob = lake.user("bob");
        lake.otelTables("main", "telemetry", "cc", "bob");
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
    }

    @Test
    void protobufMetricsAreAcknowledgedThenQueryable() throws Exception {
        HttpResponse<byte[]> r = export("metrics", METRICS, PROTOBUF, null, metrics("claude_code.token.usage", 120, 30).toByteArray());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue(PROTOBUF);
        assertThat(ExportMetricsServiceResponse.parseFrom(r.body()).hasPartialSuccess()).isFalse();
        String metrics = gateway.send(gateway.request("/metrics", null, null).GET().build()).body();
        assertThat(metrics).contains("lakegate_otlp_rows_total{signal=\"metrics\"} 2.0")
                .contains("lakegate_otlp_exports_total{signal=\"metrics\",status=\"200\"} 1.0");

        List<List<String>> rows = awaitRows(bobCanSelect(METRICS), "SELECT name, metric_type, sum.value, sum.attributes['type'], "
                + "sum.aggregation_temporality, resource.attributes['service.name'], instrumentation_scope.name FROM " + METRICS
                + " ORDER BY sum.value", 2);
        assertThat(rows).containsExactly(
                List.of("claude_code.token.usage", "sum", "30.0", "output", "AGGREGATION_TEMPORALITY_DELTA", "claude-code", "com.anthropic.claude_code"),
                List.of("claude_code.token.usage", "sum", "120.0", "input", "AGGREGATION_TEMPORALITY_DELTA", "claude-code", "com.anthropic.claude_code"));
    }

    @Test
    void gzipJsonLogsAreAnsweredInJson() throws Exception {
        String json = """
                {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"claude-code"}}]},
                  "scopeLogs":[{"scope":{"name":"com.anthropic.claude_code.events","version":"2.1.197"},
                    "logRecords":[{"timeUnixNano":"1764268800000000000","severityNumber":9,"severityText":"INFO",
                      "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
                      "body":{"stringValue":"claude_code.user_prompt"},
                      "attributes":[{"key":"event.name","value":{"stringValue":"user_prompt"}},
                                    {"key":"prompt_length","value":{"intValue":"42"}}]}]}]}]}""";
        HttpResponse<byte[]> r = export("logs", LOGS, "application/json", "gzip", gzip(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(TestGateway.JSON.readTree(r.body()).has("partialSuccess")).isFalse();

        List<List<String>> rows = awaitRows(bobCanSelect(LOGS), "SELECT event_name, body, severity_number, trace_id, span_id, "
                + "attributes['prompt_length'], instrumentation_scope.version FROM " + LOGS, 1);
        assertThat(rows).containsExactly(List.of("user_prompt", "claude_code.user_prompt", "SEVERITY_NUMBER_INFO",
                "5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", "42", "2.1.197"));
    }

    @Test
    void everyRowIsStampedWithTheSendersNameOverwritingASentOne() throws Exception {
        ExportMetricsServiceRequest forged = metrics("claude_code.token.usage", 1, 2).toBuilder()
                .setResourceMetrics(0, metrics("claude_code.token.usage", 1, 2).getResourceMetrics(0).toBuilder()
                        .setResource(resource().toBuilder().addAttributes(attr("lakegate.principal", "alice"))))
                .build();
        assertThat(export("metrics", METRICS, PROTOBUF, null, forged.toByteArray()).statusCode()).isEqualTo(200);
        String json = """
                {"resourceLogs":[
                  {"resource":{"attributes":[{"key":"lakegate.principal","value":{"stringValue":"alice"}}]},
                   "scopeLogs":[{"logRecords":[{"timeUnixNano":"1","body":{"stringValue":"forged"}}]}]},
                  {"scopeLogs":[{"logRecords":[{"timeUnixNano":"2","body":{"stringValue":"no resource"}}]}]}]}""";
        assertThat(export("logs", LOGS, "application/json", null, json.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

        String admin = gateway.adminToken();
        assertThat(awaitRows(admin, "SELECT resource.attributes['lakegate.principal'], resource.attributes['service.name'] FROM "
                + METRICS, 2)).containsOnly(List.of("bob", "claude-code"));
        assertThat(awaitRows(admin, "SELECT body, resource.attributes['lakegate.principal'], cardinality(resource.attributes) FROM "
                + LOGS + " ORDER BY body", 2)).containsExactly(List.of("forged", "bob", "1"), List.of("no resource", "bob", "1"));
    }

    @Test
    void spansLandOneRowEach() throws Exception {
        byte[] trace = HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c");
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(resource()).addScopeSpans(ScopeSpans.newBuilder().setScope(scope())
                        .addSpans(span(trace, "eee19b7ec3c1b174", "", "claude_code.interaction"))
                        .addSpans(span(trace, "0102030405060708", "eee19b7ec3c1b174", "claude_code.llm_request")))).build();
        HttpResponse<byte[]> r = export("traces", SPANS, PROTOBUF, null, request.toByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        List<List<String>> rows = awaitRows(bobCanSelect(SPANS), "SELECT name, kind, parent_span_id FROM " + SPANS + " ORDER BY name", 2);
        assertThat(rows).containsExactly(Arrays.asList("claude_code.interaction", "SPAN_KIND_INTERNAL", null),
                List.of("claude_code.llm_request", "SPAN_KIND_INTERNAL", "eee19b7ec3c1b174"));
    }

    @Test
    void unmappableItemsAreReportedAsPartialSuccessAndTheRestIsKept() throws Exception {
        ExportMetricsServiceRequest request = metrics("claude_code.cost.usage", 0.25, 0.5).toBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("no.data")))).build();
        HttpResponse<byte[]> r = export("metrics", METRICS, PROTOBUF, null, request.toByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        ExportMetricsServiceResponse answer = ExportMetricsServiceResponse.parseFrom(r.body());
        assertThat(answer.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
        assertThat(answer.getPartialSuccess().getErrorMessage()).contains("no.data");
        awaitRows(gateway.adminToken(), "SELECT name FROM " + METRICS, 2);
    }

    @Test
    void anEmptyExportIsAcknowledged() throws Exception {
        HttpResponse<byte[]> r = export("logs", LOGS, "application/json", null, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void refusalsNameTheProblemInTheRequestsEncoding() throws Exception {
        byte[] body = metrics("m", 1, 2).toByteArray();
        HttpResponse<byte[]> unauthenticated = send("metrics", null, METRICS, PROTOBUF, null, body);
        assertRefused(unauthenticated, 401, 16, "token");
        // Refused before its body was read: the answer tells the exporter not to reuse the connection, which the
        // gateway closes instead of reading the body (a reused one failed the next export with "received no bytes").
        assertThat(unauthenticated.headers().firstValue("connection")).hasValue("close");
        assertRefused(send("metrics", "not-a-token", METRICS, PROTOBUF, null, body), 401, 16, "");
        assertRefused(export("metrics", null, PROTOBUF, null, body), 400, 3, "X-Databricks-UC-Table-Name is required");
        assertRefused(export("metrics", "main.telemetry", PROTOBUF, null, body), 400, 3, "Invalid table name");
        assertRefused(send("metrics", gateway.adminToken(), "main.telemetry.nope", PROTOBUF, null, body), 404, 5,
                "table main.telemetry.nope does not exist");
        assertRefused(export("metrics", LOGS, PROTOBUF, null, body), 400, 3, "has the schema of OTel logs");
        lake.admin("CREATE TABLE main.telemetry.plain (name STRING)");
        assertRefused(send("metrics", gateway.adminToken(), "main.telemetry.plain", PROTOBUF, null, body), 400, 3,
                "lacks TBLPROPERTIES ('otel.schemaVersion' = 'v1')");
        assertRefused(export("metrics", METRICS, "text/plain", null, body), 415, 3, "application/x-protobuf or application/json");
        assertRefused(export("metrics", METRICS, PROTOBUF, "br", body), 415, 3, "Content-Encoding 'br'");
        assertRefused(export("metrics", METRICS, PROTOBUF, null, "not protobuf at all".getBytes(StandardCharsets.UTF_8)), 400, 3, "");
        assertRefused(export("metrics", METRICS, PROTOBUF, "gzip", body), 400, 3, "not valid gzip");
        assertRefused(export("metrics", METRICS, "application/json", null, "{\"resourceMetrics\": 7}".getBytes(StandardCharsets.UTF_8)),
                400, 3, "");
        assertRefused(export("profiles", METRICS, PROTOBUF, null, body), 404, 5, "No OTLP route");
        HttpResponse<byte[]> get = gateway.sendBytes(gateway.request("/api/2.0/otel/v1/metrics", bob, PROTOBUF).GET().build());
        assertRefused(get, 405, 12, "POST");

        String carol = lake.user("carol");
        assertRefused(send("metrics", carol, METRICS, PROTOBUF, null, body), 403, 7, "carol does not have USE_CATALOG on catalog main");
        lake.admin("GRANT USE CATALOG ON CATALOG main TO carol");
        lake.admin("GRANT USE SCHEMA ON SCHEMA main.telemetry TO carol");
        lake.admin("GRANT SELECT ON TABLE " + METRICS + " TO carol");
        assertRefused(send("metrics", carol, METRICS, PROTOBUF, null, body), 403, 7, "carol does not have MODIFY on table " + METRICS);

        assertThat(lake.admin("SELECT count(*) FROM " + METRICS)).containsExactly(List.of("0"));
        HttpResponse<byte[]> read = export("metrics", METRICS, PROTOBUF, "gzip", body);
        assertRefused(read, 400, 3, "not valid gzip");
        assertThat(read.headers().firstValue("connection")).as("a refusal after the body was read keeps the connection").isEmpty();
    }

    @Test
    void inflatedBodiesAreBounded() throws Exception {
        gateway.close();
        start("otel: {max_body_bytes: 100000}");
        byte[] bomb = gzip(new byte[5_000_000]); // ~5 KB on the wire
        assertRefused(export("metrics", METRICS, PROTOBUF, "gzip", bomb), 413, 8, "otel.max_body_bytes");
    }

    @Test
    void aFullLogIsAnsweredWithRetryAfter() throws Exception {
        gateway.close();
        start("lake: {commit_interval_ms: 600000, max_uncommitted_bytes: 4000}");
        byte[] body = metrics("claude_code.token.usage", 1, 2).toByteArray();
        HttpResponse<byte[]> r;
        int accepted = 0;
        while ((r = export("metrics", METRICS, PROTOBUF, null, body)).statusCode() == 200) {
            accepted++;
            assertThat(accepted).as("the log must fill up").isLessThan(100);
        }
        assertRefused(r, 503, 14, "retry later");
        assertThat(r.headers().firstValue("retry-after")).isPresent();
        assertThat(accepted).isPositive();
    }

    private String bobCanSelect(String table) throws Exception {
        lake.admin("GRANT SELECT ON TABLE " + table + " TO bob");
        return bob;
    }

    /** Polls until the query returns {@code expected} rows: acknowledged rows become visible within the commit interval (2 s). */
    private List<List<String>> awaitRows(String token, String sql, int expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<List<String>> rows = lake.ok(token, sql);
            if (rows.size() >= expected || System.nanoTime() > deadline) {
                assertThat(rows).as("rows visible within 10 s").hasSize(expected);
                return rows;
            }
            Thread.sleep(200);
        }
    }

    private HttpResponse<byte[]> export(String signal, String table, String contentType, String encoding, byte[] body) throws Exception {
        return send(signal, bob, table, contentType, encoding, body);
    }

    private HttpResponse<byte[]> send(String signal, String token, String table, String contentType, String encoding, byte[] body)
            throws Exception {
        HttpRequest.Builder b = gateway.request("/api/2.0/otel/v1/" + signal, token, contentType);
        if (table != null) {
            b.header("X-Databricks-UC-Table-Name", table);
        }
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        return gateway.sendBytes(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A refusal: the status, and a google.rpc.Status body (protobuf for protobuf requests, else JSON) with the gRPC code. */
    private static void assertRefused(HttpResponse<byte[]> r, int status, int grpcCode, String message) throws IOException {
        OtlpStatus refusal = OtlpStatus.read(r);
        assertThat(r.statusCode()).as(refusal.message()).isEqualTo(status);
        assertThat(refusal.code()).as(refusal.message()).isEqualTo(grpcCode);
        assertThat(refusal.message()).contains(message);
    }

    static ExportMetricsServiceRequest metrics(String name, double input, double output) {
        Sum.Builder sum = Sum.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA).setIsMonotonic(true);
        long now = 1_764_268_800_000_000_000L;
        sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(now - 1_000).setTimeUnixNano(now).setAsDouble(input)
                .addAttributes(attr("type", "input")));
        sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(now - 1_000).setTimeUnixNano(now).setAsDouble(output)
                .addAttributes(attr("type", "output")));
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource())
                .addScopeMetrics(ScopeMetrics.newBuilder().setScope(scope()).addMetrics(Metric.newBuilder().setName(name)
                        .setUnit("tokens").setSum(sum)))).build();
    }

    private static Span span(byte[] trace, String spanId, String parent, String name) {
        HexFormat hex = HexFormat.of();
        return Span.newBuilder().setTraceId(ByteString.copyFrom(trace)).setSpanId(ByteString.copyFrom(hex.parseHex(spanId)))
                .setParentSpanId(ByteString.copyFrom(hex.parseHex(parent))).setName(name).setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
                .setStartTimeUnixNano(1).setEndTimeUnixNano(2).build();
    }

    private static Resource resource() {
        return Resource.newBuilder().addAttributes(attr("service.name", "claude-code")).build();
    }

    private static InstrumentationScope scope() {
        return InstrumentationScope.newBuilder().setName("com.anthropic.claude_code").setVersion("2.1.197").build();
    }

    private static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
