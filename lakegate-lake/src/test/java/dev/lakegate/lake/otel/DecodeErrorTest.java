package dev.lakegate.lake.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bodies that do not decode: an {@link OtlpDecodeException} saying where and why (the receiver answers 400). */
class DecodeErrorTest {
  @ParameterizedTest
  @EnumSource(OtlpSignal.class)
  void anEmptyBodyIsAnEmptyRequest(OtlpSignal signal) {
    for (OtlpEncoding encoding : OtlpEncoding.values()) {
      assertThat(Otlp.decode(signal, encoding, new byte[0])).isEqualTo(new OtlpBatch(List.of(), 0, null));
    }
  }

  @Test
  void garbageBytes() {
    assertThatThrownBy(() -> Otlp.decode(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, new byte[] {(byte) 0xff, 1, 2}))
        .isInstanceOf(OtlpDecodeException.class)
        .hasMessageStartingWith("body is not a valid OTLP ExportMetricsServiceRequest (protobuf): ")
        .hasMessageEndingWith("Protocol message tag had invalid wire type.");
  }

  @Test
  void truncatedProtobuf() {
    byte[] body = Bodies.read("claude/tool-logs.pb");

    assertThatThrownBy(() -> Otlp.decode(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, Arrays.copyOf(body, body.length / 2)))
        .isInstanceOf(OtlpDecodeException.class)
        .hasMessageStartingWith("body is not a valid OTLP ExportLogsServiceRequest (protobuf): ")
        .hasMessageContaining("truncated");
  }

  @Test
  void theWrongSignalsBodyDoesNotPassSilently() {
    // log records read as spans (the field numbers line up, the types do not): spans without ids
    OtlpBatch asTraces = Otlp.decode(OtlpSignal.TRACES, OtlpEncoding.PROTOBUF, Bodies.read("claude/text-logs.pb"));

    assertThat(asTraces.rows()).isEmpty();
    assertThat(asTraces.rejected()).isEqualTo(3);
    assertThat(asTraces.rejectedMessage()).startsWith("3 spans rejected; the first: span "
        + "resourceSpans[0].scopeSpans[0].spans[0] has an empty trace_id");
  }

  @Test
  void invalidUtf8InAProtobufString() {
    byte[] body = {0x0a, 0x05, 0x1a, 0x03, 0x0a, 0x01, (byte) 0xc3}; // resource_logs.scope_logs.scope.name = C3
    assertThatThrownBy(() -> Otlp.decode(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, body))
        .isInstanceOf(OtlpDecodeException.class).hasMessageContaining("UTF-8");
  }

  @Test
  void notJson() {
    assertThat(jsonError(OtlpSignal.LOGS, "{\"resourceLogs\": [")).startsWith(
        "body is not a valid OTLP ExportLogsServiceRequest (JSON): not JSON: ");
    assertThat(jsonError(OtlpSignal.LOGS, "{resourceLogs: []}")).contains("not JSON");
    assertThat(jsonError(OtlpSignal.LOGS, "{} {}")).endsWith("(JSON): not JSON: malformed JSON at line 1 column 5 path $");
    assertThat(jsonError(OtlpSignal.LOGS, "[]")).startsWith("body is not a valid OTLP ExportLogsServiceRequest (JSON): ");
    assertThatThrownBy(() -> Otlp.decode(OtlpSignal.LOGS, OtlpEncoding.JSON, new byte[] {'"', (byte) 0xff, '"'}))
        .hasMessageEndingWith("(JSON): not UTF-8 text");
    assertThat(jsonError(OtlpSignal.LOGS, "[".repeat(100_000))).endsWith("(JSON): JSON nested deeper than 400");
  }

  @Test
  void wrongJsonTypes() {
    assertThat(jsonError(OtlpSignal.TRACES, "{\"resourceSpans\": {\"scopeSpans\": []}}"))
        .startsWith("body is not a valid OTLP ExportTraceServiceRequest (JSON): ");
    assertThat(jsonError(OtlpSignal.METRICS, """
        {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","sum":{"dataPoints":[
          {"timeUnixNano":"yesterday"}]}}]}]}]}"""))
        .contains("yesterday");
    assertThat(jsonError(OtlpSignal.METRICS, """
        {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":{"first":"m"}}]}]}]}"""))
        .startsWith("body is not a valid OTLP ExportMetricsServiceRequest (JSON): ");
  }

  @Test
  void badHexIds() {
    assertThat(jsonError(OtlpSignal.TRACES, """
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"000102030405060708090a0b0c0d0e0f","spanId":"xyz"}]}]}]}"""))
        .isEqualTo("invalid hex span id 'xyz' at resourceSpans[0].scopeSpans[0].spans[0].spanId "
            + "(OTLP/JSON ids are hex strings, e.g. 16 bytes as 32 hex digits)");
    assertThat(jsonError(OtlpSignal.TRACES, """
        {"resource_spans":[{"scope_spans":[{"spans":[{},{"links":[{"trace_id":"AAECAwQFBgcICQoLDA0ODw=="}]}]}]}]}"""))
        .startsWith("invalid hex trace id 'AAECAwQFBgcICQoLDA0ODw==' at resource_spans[0].scope_spans[0].spans[1]"
            + ".links[0].trace_id");
    assertThat(jsonError(OtlpSignal.LOGS, """
        {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"spanId":12}]}]}]}"""))
        .isEqualTo("the span id at resourceLogs[0].scopeLogs[0].logRecords[0].spanId is not a string of hex digits");
    assertThat(jsonError(OtlpSignal.METRICS, """
        {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"exponentialHistogram":{"dataPoints":[
          {"exemplars":[{"traceId":"0g"}]}]}}]}]}]}"""))
        .startsWith("invalid hex trace id '0g' at resourceMetrics[0].scopeMetrics[0].metrics[0]"
            + ".exponentialHistogram.dataPoints[0].exemplars[0].traceId");
  }

  private static String jsonError(OtlpSignal signal, String body) {
    try {
      Otlp.decode(signal, OtlpEncoding.JSON, body.getBytes(StandardCharsets.UTF_8));
    } catch (OtlpDecodeException e) {
      return e.getMessage();
    }
    throw new AssertionError("decoded: " + body);
  }
}
