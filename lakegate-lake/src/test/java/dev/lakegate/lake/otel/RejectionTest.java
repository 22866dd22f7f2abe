package dev.lakegate.lake.otel;

import static dev.lakegate.lake.otel.OtlpJsonTest.kv;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.lakegate.lake.delta.Row;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Items that cannot be mapped are counted with the first reason; the rest of the batch is kept. */
class RejectionTest {
  private static final ByteString TRACE = bytes(16), SPAN = bytes(8);

  @Test
  void aMetricWithoutData() {
    OtlpBatch batch = decode(metrics(gauge("ok", point()), Metric.newBuilder().setName("empty").build(),
        gauge("also.ok", point(), point())));

    assertThat(batch.rows()).extracting(r -> r.get(0)).containsExactly("ok", "also.ok", "also.ok");
    assertThat(batch.rejected()).isEqualTo(1);
    assertThat(batch.rejectedMessage()).isEqualTo("1 data point rejected: metric 'empty' "
        + "(resourceMetrics[0].scopeMetrics[0].metrics[1]) has no data (DATA_NOT_SET)");
  }

  @Test
  void anExemplarWithAnIdOfTheWrongLengthRejectsItsDataPoint() {
    NumberDataPoint badSpan = point().toBuilder().addExemplars(Exemplar.newBuilder().setSpanId(bytes(3))).build();
    NumberDataPoint badTrace = point().toBuilder().addExemplars(Exemplar.newBuilder().setTraceId(bytes(8))).build();
    NumberDataPoint good = point().toBuilder().addExemplars(Exemplar.newBuilder().setTraceId(TRACE).setSpanId(SPAN))
        .addExemplars(Exemplar.getDefaultInstance()).build();

    OtlpBatch batch = decode(metrics(gauge("g", badSpan, good, badTrace)));

    assertThat(batch.rows()).hasSize(1);
    assertThat(batch.rejected()).isEqualTo(2);
    assertThat(batch.rejectedMessage()).isEqualTo("2 data points rejected; the first: metric 'g' "
        + "(resourceMetrics[0].scopeMetrics[0].metrics[0]) data point 0: exemplar 0 has a span_id of 3 bytes (expected 8)");
    Object exemplars = ((Row) batch.rows().get(0).get(4)).get(3);
    assertThat(exemplars).isEqualTo(List.of(
        Row.of(0L, null, "0001020304050607", "000102030405060708090a0b0c0d0e0f", Map.of()),
        Row.of(0L, null, null, null, Map.of())));
  }

  @Test
  void spansWithoutIdsOrWithIdsOfTheWrongLength() {
    Span good = Span.newBuilder().setTraceId(TRACE).setSpanId(SPAN).setName("good").build();
    OtlpBatch batch = decode(spans(
        good.toBuilder().clearTraceId().build(),
        good.toBuilder().clearSpanId().build(),
        good.toBuilder().setTraceId(bytes(15)).build(),
        good.toBuilder().setParentSpanId(bytes(16)).build(),
        good.toBuilder().addLinks(Span.Link.newBuilder().setTraceId(TRACE).setSpanId(bytes(4))).build(),
        good,
        good.toBuilder().addLinks(Span.Link.getDefaultInstance()).build()));

    assertThat(batch.rows()).hasSize(2);
    assertThat(batch.rejected()).isEqualTo(5);
    assertThat(batch.rejectedMessage())
        .isEqualTo("5 spans rejected; the first: span resourceSpans[0].scopeSpans[0].spans[0] has an empty trace_id");
    assertThat(decode(spans(good.toBuilder().setParentSpanId(bytes(16)).build())).rejectedMessage())
        .isEqualTo("1 span rejected: span resourceSpans[0].scopeSpans[0].spans[0] has a parent_span_id of 16 bytes "
            + "(expected 8)");
    assertThat(decode(spans(good.toBuilder().addLinks(Span.Link.newBuilder().setSpanId(bytes(4))).build()))
        .rejectedMessage()).endsWith("spans[0] has link 0 that has a span_id of 4 bytes (expected 8)");
  }

  @Test
  void logRecordsWithIdsOfTheWrongLength() {
    LogRecord good = LogRecord.newBuilder().addAttributes(kv("k", "v")).build();
    OtlpBatch batch = decode(logs(good.toBuilder().setTraceId(bytes(17)).build(), good,
        good.toBuilder().setTraceId(TRACE).setSpanId(bytes(9)).build()));

    assertThat(batch.rows()).hasSize(1);
    assertThat(batch.rejected()).isEqualTo(2);
    assertThat(batch.rejectedMessage()).isEqualTo("2 log records rejected; the first: log record "
        + "resourceLogs[0].scopeLogs[0].logRecords[0] has a trace_id of 17 bytes (expected 16)");
  }

  @Test
  void jsonIdsOfTheWrongLengthOrEmptyAreRejectedNotUndecodable() {
    String json = """
        {"resourceSpans":[{"scopeSpans":[{"spans":[
          {"traceId":"","spanId":"0102030405060708"},
          {"traceId":"abcd","spanId":"0102030405060708"},
          {"traceId":"000102030405060708090a0b0c0d0e0f","spanId":"0102030405060708","parentSpanId":""}]}]}]}""";

    OtlpBatch batch = Otlp.decode(OtlpSignal.TRACES, OtlpEncoding.JSON, json.getBytes(StandardCharsets.UTF_8));

    assertThat(batch.rejected()).isEqualTo(2);
    assertThat(batch.rows()).singleElement().satisfies(r -> assertThat(r.get(3)).isNull());
  }

  private static OtlpBatch decode(ExportMetricsServiceRequest r) {
    return Otlp.decode(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, r.toByteArray());
  }

  private static OtlpBatch decode(ExportTraceServiceRequest r) {
    return Otlp.decode(OtlpSignal.TRACES, OtlpEncoding.PROTOBUF, r.toByteArray());
  }

  private static OtlpBatch decode(ExportLogsServiceRequest r) {
    return Otlp.decode(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, r.toByteArray());
  }

  static ExportMetricsServiceRequest metrics(Metric... metrics) {
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics)))).build();
  }

  static ExportTraceServiceRequest spans(Span... spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))).build();
  }

  static ExportLogsServiceRequest logs(LogRecord... records) {
    return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(List.of(records)))).build();
  }

  static Metric gauge(String name, NumberDataPoint... points) {
    return Metric.newBuilder().setName(name).setGauge(Gauge.newBuilder().addAllDataPoints(List.of(points))).build();
  }

  static NumberDataPoint point() {
    return NumberDataPoint.newBuilder().setAsDouble(1).build();
  }

  /** 0, 1, 2, … n-1 */
  static ByteString bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) i;
    return ByteString.copyFrom(b);
  }
}
