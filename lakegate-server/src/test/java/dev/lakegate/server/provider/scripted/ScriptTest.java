package dev.lakegate.server.provider.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.usage.Usage;
import org.junit.jupiter.api.Test;

class ScriptTest {

    @Test
    void jsonUsesTheJavaFieldNames() {
        Script s = Script.fromJson(Json.parse("""
                {"model":"m","text":"t","toolCalls":[{"name":"run","arguments":{"cmd":"ls"}}],
                 "thinking":{"text":"hmm","signature":"sig"},"error":{"status":503,"message":"down","retryAfterSeconds":2},
                 "firstByteDelayMs":5,"eventDelayMs":6,"failAfterEvents":3,
                 "usage":{"inputTokens":10,"outputTokens":4,"cacheReadTokens":2},"stopReason":"MAX_TOKENS"}""", "script"));
        assertThat(s).isEqualTo(Script.text("t").withModel("m").withToolCalls(Script.ToolCall.of("run", "{\"cmd\":\"ls\"}"))
                .withThinking("hmm", "sig").withError(503, "down").withRetryAfterSeconds(2).withFirstByteDelayMs(5).withEventDelayMs(6)
                .withFailAfterEvents(3).withUsage(new Usage(10, 4, 2, 0, 0, false)).withStopReason(StopReason.MAX_TOKENS));
    }

    @Test
    void absentFieldsMeanNoOverride() {
        Script s = Script.fromJson(Json.parse("{}", "script"));
        assertThat(s).isEqualTo(Script.DEFAULT);
        assertThat(s.failAfterEvents()).isNull();
        assertThat(s.matches("anything")).isTrue();
        assertThat(Script.DEFAULT.withModel("a").matches("b")).isFalse();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> Script.fromJson(Json.parse("{\"error\":{\"status\":200}}", "s")))
                .hasMessageContaining("error status must be 4xx or 5xx");
        assertThatThrownBy(() -> Script.fromJson(Json.parse("{\"toolCalls\":[{\"name\":\"x\",\"arguments\":[1]}]}", "s")))
                .hasMessageContaining("arguments must be a JSON object");
        assertThatThrownBy(() -> Script.text("x").withRetryAfterSeconds(1)).hasMessageContaining("set an error");
        assertThatThrownBy(() -> Script.text("x").withEventDelayMs(-1)).hasMessageContaining("negative");
    }

    @Test
    void inlineScriptsAreTheFirstJsonObjectAfterTheMarker() {
        assertThat(Answers.inline("no script here")).isNull();
        assertThat(Answers.inline("do it lakegate-script: {\"text\":\"ok\"} {\"ignored\":1}")).isEqualTo(Script.text("ok"));
        assertThatThrownBy(() -> Answers.inline("lakegate-script: [1]")).hasMessageContaining("must be followed by a JSON object");
        assertThatThrownBy(() -> Answers.inline("lakegate-script: {oops")).hasMessageContaining("Cannot read inline script");
    }
}
