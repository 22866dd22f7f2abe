package dev.lakegate.lake.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.delta.Row;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real bodies: what Claude Code 2.1.197 exported (shared/reference/agents/captures/claude), mapped
 * and compared with golden rows. A few values are spelled out below, checked by eye against the
 * capture's {@code otel-decoded.json}.
 */
class ClaudeCaptureTest {
  @ParameterizedTest
  @ValueSource(strings = {"text-metrics", "tool-metrics", "text-logs", "tool-logs", "401-logs"})
  void mapsToTheGoldenRows(String capture) {
    OtlpSignal signal = capture.endsWith("metrics") ? OtlpSignal.METRICS : OtlpSignal.LOGS;
    OtlpBatch batch = Otlp.decode(signal, OtlpEncoding.PROTOBUF, Bodies.read("claude/" + capture + ".pb"));

    assertThat(batch.rejected()).isZero();
    assertThat(batch.rejectedMessage()).isNull();
    Goldens.assertGolden("claude-" + capture + ".jsonl", RowJson.lines(signal.schema(), batch.rows()));
  }

  @Test
  void costAndTokenSumsOfTheTextScenario() {
    List<Row> rows = Otlp.decode(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, Bodies.read("claude/text-metrics.pb")).rows();
    Row cost = rows.stream().filter(r -> r.get(0).equals("claude_code.cost.usage")).findFirst().orElseThrow();

    assertThat(cost.get(2)).isEqualTo("USD");
    assertThat(cost.get(3)).isEqualTo("sum");
    assertThat(cost.get(4)).isNull();
    Row sum = (Row) cost.get(5);
    assertThat(sum.get(0)).isEqualTo(1795812671361000000L);
    assertThat(sum.get(1)).isEqualTo(1795812671367000000L);
    assertThat(sum.get(2)).isEqualTo(0.10669999999999999);
    assertThat(map(sum.get(4))).containsEntry("model", "gw-claude").containsEntry("query_source", "main");
    assertThat(sum.get(6)).isEqualTo("AGGREGATION_TEMPORALITY_DELTA");
    assertThat(sum.get(7)).isEqualTo(true);
    assertThat(Arrays.asList(cost.get(6), cost.get(7), cost.get(8))).containsOnlyNulls();
    Row resource = (Row) cost.get(10);
    assertThat(map(resource.get(0))).containsEntry("service.name", "claude-code")
        .containsEntry("service.version", "2.1.197").containsEntry("os.type", "linux");
    Row scope = (Row) cost.get(12);
    assertThat(scope.get(0)).isEqualTo("com.anthropic.claude_code");
    assertThat(scope.get(1)).isEqualTo("2.1.197");

    assertThat(rows).filteredOn(r -> r.get(0).equals("claude_code.token.usage"))
        .extracting(r -> ((Row) r.get(5)).get(2)).containsExactly(21280.0, 12.0, 0.0, 0.0);
    assertThat(rows).allSatisfy(r -> assertThat(r.get(10)).isSameAs(cost.get(10)));
  }

  @Test
  void eventsOfTheTextScenario() {
    List<Row> rows = Otlp.decode(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, Bodies.read("claude/text-logs.pb")).rows();

    assertThat(rows).extracting(r -> r.get(0)).containsExactly("user_prompt", "api_request", "assistant_response");
    Row apiRequest = rows.get(1);
    assertThat(apiRequest.get(1)).isNull(); // no trace context
    assertThat(apiRequest.get(3)).isEqualTo(1795812671362000000L);
    assertThat(apiRequest.get(5)).isEqualTo("SEVERITY_NUMBER_UNSPECIFIED");
    assertThat(apiRequest.get(7)).isEqualTo("claude_code.api_request");
    assertThat(map(apiRequest.get(8)))
        .containsEntry("event.sequence", "1") // an int attribute
        .containsEntry("input_tokens", "21280")
        .containsEntry("cost_usd", "0.10669999999999999") // a double attribute
        .containsEntry("request_id", "req_19b17a4915e3085786b33f8f");
    assertThat(map(rows.get(0).get(8))).containsEntry("prompt_length", "6").containsEntry("prompt", "<REDACTED>");
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> map(Object value) {
    return (Map<String, String>) value;
  }
}
