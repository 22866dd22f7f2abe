package dev.lakegate.lake.otel;

import static dev.lakegate.lake.otel.ClaudeCaptureTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lakegate.lake.delta.Row;
import io.delta.kernel.types.StructType;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.internal.HttpExporter;
import io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.internal.StandardComponentId.ExporterType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bodies sent by the OpenTelemetry Java SDK 1.68.0 ({@link SdkTelemetry}) to a stand-in endpoint:
 * through its public OTLP/HTTP exporters in protobuf, plain and gzipped, and in OTLP/JSON through
 * the same exporter in JSON mode ({@code HttpExporterBuilder.exportAsJson()}, internal: the public
 * builders of 1.68.0 send protobuf only). All three must give the same rows, equal to the golden
 * ones.
 */
class SdkExportTest {
  private static final Pattern EXEMPLAR_TIME = Pattern.compile("\\{\"time_unix_nano\":\\d+,\"value\"");
  private static SdkTelemetry telemetry;
  private static OtlpReceiver receiver;

  enum Wire { PROTOBUF, GZIP, JSON }

  @BeforeAll
  static void record() throws Exception {
    telemetry = SdkTelemetry.record();
    receiver = new OtlpReceiver();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @ParameterizedTest
  @EnumSource(OtlpSignal.class)
  void protobufGzipAndJsonGiveTheSameGoldenRows(OtlpSignal signal) throws Exception {
    List<Row> rows = sent(signal, Wire.PROTOBUF);

    // in any order: each export groups items by resource and scope in hash maps of its own
    assertThat(sent(signal, Wire.GZIP)).containsExactlyInAnyOrderElementsOf(rows);
    assertThat(sent(signal, Wire.JSON)).containsExactlyInAnyOrderElementsOf(rows);
    Goldens.assertGolden("sdk-" + signal.tableKind() + ".jsonl", sortedLines(signal.schema(), rows));
  }

  @Test
  void exemplarsCarryTheSampledSpanAndTheFilteredAttributes() throws Exception {
    Row tokens = sent(OtlpSignal.METRICS, Wire.PROTOBUF).stream()
        .filter(r -> r.get(0).equals("gen_ai.client.token.usage") && !((List<?>) ((Row) r.get(5)).get(3)).isEmpty())
        .findFirst().orElseThrow();
    Row sum = (Row) tokens.get(5);
    Row exemplar = (Row) ((List<?>) sum.get(3)).get(0);

    assertThat(sum.get(2)).isEqualTo(120.0);
    assertThat(sum.get(6)).isEqualTo("AGGREGATION_TEMPORALITY_DELTA");
    assertThat(map(sum.get(4))).containsExactly(Map.entry("gen_ai.token.type", "input"));
    assertThat(exemplar.get(1)).isEqualTo(120.0);
    assertThat(exemplar.get(2)).isEqualTo(SdkTelemetry.SPAN_ROOT);
    assertThat(exemplar.get(3)).isEqualTo(SdkTelemetry.TRACE_A);
    assertThat(map(exemplar.get(4))).containsExactly(Map.entry("user.id", "u-1"));
  }

  @Test
  void logBodiesOfEveryTypeAndEventNames() throws Exception {
    List<Row> logs = sent(OtlpSignal.LOGS, Wire.PROTOBUF);

    assertThat(logs).extracting(r -> r.get(7)).containsExactly("plain text body", "42",
        "{\"k\":\"v\",\"n\":1.5,\"nested\":[true,\"AQID\"]}", "[\"a\",1,2.5,false]", "3q2+7w==");
    assertThat(logs).extracting(r -> r.get(0))
        .containsExactly(null, "gen_ai.client.inference.operation.details", null, null, "from.attribute");
    assertThat(logs).extracting(r -> r.get(1), r -> r.get(2)).startsWith(
        tuple(SdkTelemetry.TRACE_A, SdkTelemetry.SPAN_ROOT));
    assertThat(map(logs.get(0).get(8))).containsEntry("a.longs", "[1,-2]").containsEntry("a.doubles", "[0.5,1.0E21]")
        .containsEntry("a.bool", "false");
    assertThat(logs).extracting(r -> r.get(5)).contains("SEVERITY_NUMBER_INFO", "SEVERITY_NUMBER_WARN2",
        "SEVERITY_NUMBER_ERROR", "SEVERITY_NUMBER_UNSPECIFIED");
  }

  @Test
  void spansKeepTheirTree() throws Exception {
    List<Row> spans = sent(OtlpSignal.TRACES, Wire.PROTOBUF);
    Row root = spans.stream().filter(r -> r.get(5).equals("POST /v1/messages")).findFirst().orElseThrow();
    Row child = spans.stream().filter(r -> r.get(5).equals("chat gw-claude")).findFirst().orElseThrow();

    assertThat(root.get(3)).isNull();
    assertThat(child.get(0)).isEqualTo(SdkTelemetry.TRACE_A);
    assertThat(child.get(3)).isEqualTo(SdkTelemetry.SPAN_ROOT);
    assertThat(child.get(6)).isEqualTo("SPAN_KIND_CLIENT");
    assertThat(child.get(15)).isEqualTo(Row.of("upstream answered 529", "STATUS_CODE_ERROR"));
    assertThat(root.get(15)).isEqualTo(Row.of("", "STATUS_CODE_OK"));
    Row link = (Row) ((List<?>) child.get(13)).get(0);
    assertThat(Arrays.asList(link.values()).subList(0, 3))
        .containsExactly("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "vendor=v1");
    assertThat(spans).extracting(r -> r.get(6)).containsExactlyInAnyOrder("SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
        "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER", "SPAN_KIND_INTERNAL");
  }

  /** What the gateway would store for a body the SDK sent over {@code wire}. */
  private static List<Row> sent(OtlpSignal signal, Wire wire) throws Exception {
    send(signal, wire);
    OtlpReceiver.Request request = receiver.take();
    OtlpEncoding encoding = wire == Wire.JSON ? OtlpEncoding.JSON : OtlpEncoding.PROTOBUF;
    assertThat(request.path()).isEqualTo("/v1/" + signal.path());
    assertThat(request.contentType()).isEqualTo(encoding.contentType());
    assertThat(request.contentEncoding()).isEqualTo(wire == Wire.GZIP ? "gzip" : null);
    OtlpBatch batch = Otlp.decode(signal, encoding, request.body());
    assertThat(batch.rejected()).isZero();
    return batch.rows();
  }

  private static void send(OtlpSignal signal, Wire wire) {
    String endpoint = receiver.endpoint(signal);
    String compression = wire == Wire.GZIP ? "gzip" : "none";
    switch (signal) {
      case METRICS -> {
        if (wire == Wire.JSON) {
          sendJson(ExporterType.OTLP_HTTP_JSON_METRIC_EXPORTER, endpoint,
              MetricsRequestMarshaler.create(telemetry.metrics()), telemetry.metrics().size());
        } else {
          var exporter = OtlpHttpMetricExporter.builder().setEndpoint(endpoint).setCompression(compression).build();
          await(exporter.export(telemetry.metrics()));
          await(exporter.shutdown());
        }
      }
      case LOGS -> {
        if (wire == Wire.JSON) {
          sendJson(ExporterType.OTLP_HTTP_JSON_LOG_EXPORTER, endpoint, LogsRequestMarshaler.create(telemetry.logs()),
              telemetry.logs().size());
        } else {
          var exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint).setCompression(compression).build();
          await(exporter.export(telemetry.logs()));
          await(exporter.shutdown());
        }
      }
      case TRACES -> {
        if (wire == Wire.JSON) {
          sendJson(ExporterType.OTLP_HTTP_JSON_SPAN_EXPORTER, endpoint, TraceRequestMarshaler.create(telemetry.spans()),
              telemetry.spans().size());
        } else {
          var exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint).setCompression(compression).build();
          await(exporter.export(telemetry.spans()));
          await(exporter.shutdown());
        }
      }
    }
  }

  private static void sendJson(ExporterType type, String endpoint, Marshaler request, int items) {
    HttpExporter exporter = new HttpExporterBuilder(type, endpoint).exportAsJson().build();
    await(exporter.export(request, items));
    await(exporter.shutdown());
  }

  private static void await(CompletableResultCode result) {
    assertThat(result.join(10, TimeUnit.SECONDS).isSuccess()).as("export succeeded").isTrue();
  }

  /**
   * Golden text with the lines sorted (the SDK groups metrics and scopes in hash maps) and exemplar
   * times blanked (the SDK stamps exemplars with the wall clock, not the meter provider's clock).
   */
  private static String sortedLines(StructType schema, List<Row> rows) {
    return rows.stream().map(r -> RowJson.line(schema, r))
        .map(line -> EXEMPLAR_TIME.matcher(line).replaceAll("{\"time_unix_nano\":\"(wall clock)\",\"value\""))
        .sorted().collect(Collectors.joining("\n", "", "\n"));
  }
}
