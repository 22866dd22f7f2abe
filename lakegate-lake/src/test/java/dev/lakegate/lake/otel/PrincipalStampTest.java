package dev.lakegate.lake.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.lakegate.lake.delta.Row;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code resource.attributes['lakegate.principal']}: the name the receiver passes is on every row
 * of every signal, in both encodings, whatever the sender wrote there; without one the attributes
 * stay as sent.
 */
class PrincipalStampTest {
  static final String FORGED = "{\"key\":\"lakegate.principal\",\"value\":{\"stringValue\":\"mallory\"}}";
  static final String SERVICE = "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"claude-code\"}}";

  @Test
  void everySignalsRowsCarryTheSendersName() {
    String metrics = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[" + FORGED + "," + SERVICE + "]},\"scopeMetrics\":[{\"metrics\":["
        + "{\"name\":\"m\",\"gauge\":{\"dataPoints\":[{\"asDouble\":1},{\"asDouble\":2}]}}]}]},"
        + "{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"n\",\"gauge\":{\"dataPoints\":[{\"asDouble\":3}]}}]}]}]}";
    String logs = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[" + FORGED + "]},\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"1\"}]}]}]}";
    String spans = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"5b8efff798038103d269b633813fc60c\","
        + "\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"s\"}]}]}]}";
    assertStamped(OtlpSignal.METRICS, metrics, 3);
    assertStamped(OtlpSignal.LOGS, logs, 1);
    assertStamped(OtlpSignal.TRACES, spans, 1);
  }

  @Test
  void protobufRowsAreStampedAndTheSentOrderKept() throws Exception {
    var request = ExportLogsServiceRequest.newBuilder();
    JsonFormat.parser().merge("{\"resourceLogs\":[{\"resource\":{\"attributes\":[" + FORGED + "," + SERVICE
        + "]},\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"1\"}]}]}]}", request);
    Row row = Otlp.decode(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, request.build().toByteArray(), "bob").rows().getFirst();
    assertThat(attributes(OtlpSignal.LOGS, row)).containsExactly(Map.entry("lakegate.principal", "bob"), Map.entry("service.name", "claude-code"));
  }

  @Test
  void withoutANameTheAttributesStayAsSent() {
    String logs = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[" + FORGED + "]},\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"1\"}]}]}]}";
    Row row = Otlp.decode(OtlpSignal.LOGS, OtlpEncoding.JSON, logs.getBytes(StandardCharsets.UTF_8)).rows().getFirst();
    assertThat(attributes(OtlpSignal.LOGS, row)).containsExactly(Map.entry("lakegate.principal", "mallory"));
  }

  private static void assertStamped(OtlpSignal signal, String json, int rows) {
    OtlpBatch batch = Otlp.decode(signal, OtlpEncoding.JSON, json.getBytes(StandardCharsets.UTF_8), "bob");
    assertThat(batch.rows()).as(signal.path()).hasSize(rows);
    for (Row row : batch.rows()) {
      assertThat(attributes(signal, row)).as(signal.path()).containsEntry("lakegate.principal", "bob");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> attributes(OtlpSignal signal, Row row) {
    Row resource = (Row) row.get(signal.schema().indexOf("resource"));
    return (Map<String, String>) resource.get(0);
  }
}
