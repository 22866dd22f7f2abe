package dev.lakegate.lake.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The answers: {@code Export…ServiceResponse} and the {@code google.rpc.Status} error body. */
class ResponseTest {
  @ParameterizedTest
  @EnumSource(OtlpSignal.class)
  void withoutRejectionsTheResponseIsEmpty(OtlpSignal signal) {
    assertThat(Otlp.exportResponse(signal, OtlpEncoding.PROTOBUF, 0, null)).isEmpty();
    assertThat(text(Otlp.exportResponse(signal, OtlpEncoding.JSON, 0, null))).isEqualTo("{}");
  }

  @Test
  void partialSuccessInJsonHasInt64AsAString() {
    assertThat(text(Otlp.exportResponse(OtlpSignal.METRICS, OtlpEncoding.JSON, 2, "2 data points rejected")))
        .isEqualTo("{\"partialSuccess\":{\"rejectedDataPoints\":\"2\",\"errorMessage\":\"2 data points rejected\"}}");
    assertThat(text(Otlp.exportResponse(OtlpSignal.LOGS, OtlpEncoding.JSON, 1, "x")))
        .isEqualTo("{\"partialSuccess\":{\"rejectedLogRecords\":\"1\",\"errorMessage\":\"x\"}}");
    assertThat(text(Otlp.exportResponse(OtlpSignal.TRACES, OtlpEncoding.JSON, 3, null)))
        .isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"3\"}}");
  }

  @Test
  void partialSuccessInProtobuf() throws Exception {
    var metrics = ExportMetricsServiceResponse.parseFrom(Otlp.exportResponse(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, 2, "m"));
    var logs = ExportLogsServiceResponse.parseFrom(Otlp.exportResponse(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, 4, "l"));
    var spans = ExportTraceServiceResponse.parseFrom(Otlp.exportResponse(OtlpSignal.TRACES, OtlpEncoding.PROTOBUF, 5, "s"));

    assertThat(metrics.getPartialSuccess().getRejectedDataPoints()).isEqualTo(2);
    assertThat(metrics.getPartialSuccess().getErrorMessage()).isEqualTo("m");
    assertThat(logs.getPartialSuccess().getRejectedLogRecords()).isEqualTo(4);
    assertThat(spans.getPartialSuccess().getRejectedSpans()).isEqualTo(5);
    assertThat(spans.getPartialSuccess().getErrorMessage()).isEqualTo("s");
  }

  @Test
  void statusInBothEncodings() {
    assertThat(Otlp.status(OtlpEncoding.PROTOBUF, 3, "bad")).containsExactly(0x08, 0x03, 0x12, 0x03, 'b', 'a', 'd');
    assertThat(Otlp.status(OtlpEncoding.PROTOBUF, 0, "")).isEmpty();
    assertThat(Otlp.status(OtlpEncoding.PROTOBUF, 14, null)).containsExactly(0x08, 14);
    assertThat(text(Otlp.status(OtlpEncoding.JSON, 3, "table \"t\" <missing>")))
        .isEqualTo("{\"code\":3,\"message\":\"table \\\"t\\\" <missing>\"}");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
