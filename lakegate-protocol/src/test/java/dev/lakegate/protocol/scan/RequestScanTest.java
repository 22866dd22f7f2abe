package dev.lakegate.protocol.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestScanTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsModelAndStreamAndRewritesModelInPlace() {
        byte[] body = b("{ \"stream\" : true, \"model\":\"claude-\\u00e9\" ,\"messages\":[{\"role\":\"user\",\"content\":\"h\u00e9\"}]}");
        RequestScan scan = RequestScan.of(body);
        assertThat(scan.model()).isEqualTo("claude-é");
        assertThat(scan.stream()).isTrue();
        assertThat(scan.hasStreamOptions()).isFalse();
        String rewritten = new String(scan.withModel(body, "claude-opus-4-1\"x"), StandardCharsets.UTF_8);
        assertThat(rewritten).isEqualTo("{ \"stream\" : true, \"model\":\"claude-opus-4-1\\\"x\" ,\"messages\":[{\"role\":\"user\",\"content\":\"hé\"}]}");
    }

    @Test
    void modelInsideNestedObjectsIsNotTheTopLevelModel() {
        RequestScan scan = RequestScan.of(b("{\"metadata\":{\"model\":\"inner\"},\"model\":\"outer\",\"stream_options\":{\"include_usage\":true}}"));
        assertThat(scan.model()).isEqualTo("outer");
        assertThat(scan.stream()).isFalse();
        assertThat(scan.hasStreamOptions()).isTrue();
        assertThat(scan.includeUsage()).isTrue();
        assertThat(RequestScan.of(b("{\"stream_options\":{\"x\":[1],\"include_usage\":false}}")).includeUsage()).isFalse();
    }

    @Test
    void addsIncludeUsage() {
        assertThat(new String(RequestScan.withIncludeUsage(b(" {\"model\":\"m\"}")), StandardCharsets.UTF_8))
                .isEqualTo(" {\"stream_options\":{\"include_usage\":true},\"model\":\"m\"}");
        assertThat(new String(RequestScan.withIncludeUsage(b("{ }")), StandardCharsets.UTF_8))
                .isEqualTo("{\"stream_options\":{\"include_usage\":true} }");
    }

    @Test
    void rejectsMalformedBodiesWithPositionAndField() {
        assertThatThrownBy(() -> RequestScan.of(b("{\"model\": \"x\",")))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> RequestScan.of(b("[1,2]"))).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> RequestScan.of(b("{} {}"))).hasMessageContaining("after the JSON object");
        assertThatThrownBy(() -> RequestScan.of(b(""))).hasMessageContaining("empty");
        GatewayException e = org.junit.jupiter.api.Assertions.assertThrows(GatewayException.class, () -> RequestScan.of(b("{\"model\": 5}")));
        assertThat(e.error().category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
        assertThat(e.error().param()).contains("model");
    }

    @Test
    void rejectsAbsurdNesting() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> RequestScan.of(b(deep))).isInstanceOf(GatewayException.class);
    }
}
