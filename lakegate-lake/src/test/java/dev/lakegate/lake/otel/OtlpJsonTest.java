package dev.lakegate.lake.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.lakegate.lake.delta.Row;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hand-written OTLP/JSON ({@code src/test/resources/otel/json}): {@code <signal>.json} in
 * lowerCamelCase with 64-bit integers as numbers, enums as numbers and upper-case hex ids; {@code
 * <signal>_snake.json} the same content in snake_case with 64-bit integers as strings, enums as
 * names, lower-case ids and unknown fields at several levels.
 */
class OtlpJsonTest {
  @ParameterizedTest
  @EnumSource(OtlpSignal.class)
  void camelCaseAndSnakeCaseGiveTheSameGoldenRows(OtlpSignal signal) {
    OtlpBatch camel = Otlp.decode(signal, OtlpEncoding.JSON, Bodies.read("json/" + signal.path() + ".json"));
    OtlpBatch snake = Otlp.decode(signal, OtlpEncoding.JSON, Bodies.read("json/" + signal.path() + "_snake.json"));

    assertThat(camel.rejected()).isZero();
    assertThat(snake).isEqualTo(camel);
    Goldens.assertGolden("json-" + signal.tableKind() + ".jsonl", RowJson.lines(signal.schema(), camel.rows()));
  }

  @Test
  void summaryBuiltWithTheProtoBuildersInBothEncodings() throws Exception {
    SummaryDataPoint point = SummaryDataPoint.newBuilder().setStartTimeUnixNano(1).setTimeUnixNano(2).setCount(4)
        .setSum(10).setFlags(1).addAttributes(kv("rpc.method", "Export"))
        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0).setValue(1))
        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(4))
        .build();
    ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder()
            .addScopeMetrics(ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName("proto"))
                .addMetrics(Metric.newBuilder().setName("rpc.server.duration").setUnit("ms")
                    .setSummary(Summary.newBuilder().addDataPoints(point)))))
        .build();

    List<Row> protobuf = Otlp.decode(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, request.toByteArray()).rows();
    byte[] json = JsonFormat.printer().print(request).getBytes(StandardCharsets.UTF_8);

    assertThat(Otlp.decode(OtlpSignal.METRICS, OtlpEncoding.JSON, json).rows()).isEqualTo(protobuf);
    Row summary = Row.of(1L, 2L, 4L, 10.0, List.of(Row.of(0.0, 1.0), Row.of(0.99, 4.0)),
        Map.of("rpc.method", "Export"), 1);
    assertThat(protobuf).singleElement().isEqualTo(Row.of("rpc.server.duration", "", "ms", "summary",
        null, null, null, null, summary, Map.of(), Row.of(Map.of(), 0), "", Row.of("proto", "", Map.of(), 0), ""));
  }

  static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
