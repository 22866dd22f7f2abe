package dev.lakegate.protocol.gemini;

import static dev.lakegate.protocol.canonical.Decoding.sse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Decoding;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.usage.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gemini upstream bodies (goldens under {@code gemini/decode/}), both stream framings, and hostile streams. */
class GeminiDecodeTest {
    private static final WireProtocol P = WireProtocol.GEMINI;

    private static String chunk(String parts, String finish) {
        return "{\"candidates\":[{\"content\":{\"parts\":" + parts + ",\"role\":\"model\"}" + (finish == null ? "" : ",\"finishReason\":\"" + finish + "\"")
                + ",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":1,\"totalTokenCount\":5},\"responseId\":\"r1\",\"modelVersion\":\"g\"}";
    }

    @Test
    void goldenSseStream() {
        Decoding.assertStreamGolden(P, Framing.SSE, "gemini/decode/thinking-tool.sse");
    }

    @Test
    void goldenJsonArrayStream() {
        Decoding.Decoded d = Decoding.assertStreamGolden(P, Framing.JSON_ARRAY, "gemini/decode/text-array.json");
        assertThat(d.response().content()).containsExactly(new ContentBlock.Text("See [1] and {x} \"quoted\" \\ done, then cut"));
        assertThat(d.response().stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"generate.json", "blocked.json"})
    void goldenBodies(String name) {
        Decoding.assertUnaryGolden(P, "gemini/decode/" + name);
    }

    @Test
    void functionCallsGetStableIdsAndMakeATurnAToolTurn() {
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, Decoding.resource("gemini/decode/thinking-tool.sse"), 0);
        assertThat(d.response().content()).containsExactly(
                new ContentBlock.Thinking("**Planning** I will list the directory.", "CiQBcsjafEsig1=="),
                new ContentBlock.ToolUse("call_list_directory_0", "list_directory", Json.object().put("dir_path", ".")),
                new ContentBlock.ToolUse("call_read_file_1", "read_file", Json.object().put("absolute_path", "/tmp/a b.txt")));
        assertThat(d.response().stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(d.response().usage()).isEqualTo(new Usage(9000, 110, 8000, 0, 80, false));
    }

    @Test
    void aSignatureWithoutShownThoughtsIsAnEmptyThinkingBlock() {
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, sse(null, chunk(
                "[{\"functionCall\":{\"name\":\"f\",\"args\":{},\"id\":\"own-id\"},\"thoughtSignature\":\"sig\"}]", "STOP")));
        assertThat(d.response().content()).containsExactly(new ContentBlock.Thinking("", "sig"), new ContentBlock.ToolUse("own-id", "f", Json.object()));
    }

    @Test
    void onlyCandidateZeroCountsAndFinishReasonsMap() {
        String two = "{\"candidates\":[{\"index\":1,\"content\":{\"parts\":[{\"text\":\"other\"}]}},{\"index\":0,\"content\":{\"parts\":[{\"text\":\"mine\"},"
                + "{\"executableCode\":{\"code\":\"print(1)\"}}]},\"finishReason\":\"RECITATION\"}]}";
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, sse(null, two));
        assertThat(d.response().content()).containsExactly(new ContentBlock.Text("mine"));
        assertThat(d.response().stopReason()).isEqualTo(StopReason.CONTENT_FILTER);
        assertThat(Decoding.stream(P, Framing.SSE, sse(null, chunk("[]", "MALFORMED_FUNCTION_CALL"))).response().stopReason()).isEqualTo(StopReason.ERROR);
    }

    @Test
    void jsonArrayFramingIsStrictButToleratesAMissingClosingBracket() {
        assertThat(Decoding.stream(P, Framing.JSON_ARRAY, "[" + chunk("[{\"text\":\"a\"}]", "STOP")).response().content())
                .containsExactly(new ContentBlock.Text("a"));
        assertThat(Decoding.failing(P, Framing.JSON_ARRAY, chunk("[]", "STOP")).message()).contains("the streamed body is not a JSON array");
        assertThat(Decoding.failing(P, Framing.JSON_ARRAY, "[" + chunk("[]", "STOP") + "]x").message()).contains("data after the end of the streamed JSON array");
        assertThat(Decoding.failing(P, Framing.JSON_ARRAY, "[" + chunk("[]", null) + " " + chunk("[]", "STOP") + "]").message())
                .contains("unexpected '{' between the elements");
        assertThat(Decoding.failing(P, Framing.JSON_ARRAY, "[1]").message()).contains("unexpected '1'");
        Decoding.Failed truncated = Decoding.failing(P, Framing.JSON_ARRAY, "[" + chunk("[{\"text\":\"a\"}]", null) + ",{\"candidates\":[");
        assertThat(truncated.message()).contains("the stream ended inside a JSON array element");
        assertThat(truncated.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly("Start", "TextDelta");
        assertThat(Decoding.failing(P, Framing.JSON_ARRAY, "[{\"a\":1}}]").message()).contains("unexpected '}'");
    }

    @Test
    void inStreamErrorsFailWithTheUpstreamMessage() {
        String error = "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}";
        assertThat(Decoding.failing(P, Framing.SSE, sse(null, chunk("[{\"text\":\"a\"}]", null), null, error)).message())
                .contains("Gemini upstream failed during the response (UNAVAILABLE: The model is overloaded.)");
        assertThat(Decoding.failing(P, Framing.JSON_ARRAY, "[" + chunk("[{\"text\":\"a\"}]", null) + ",\n" + error + "\n]").events()).hasSize(2);
    }

    @Test
    void anEndWithoutFinishReasonOrAFunctionWithoutNameFails() {
        assertThat(Decoding.failing(P, Framing.SSE, sse(null, chunk("[{\"text\":\"a\"}]", null))).message()).contains("ended without a finishReason");
        assertThat(Decoding.failing(P, Framing.SSE, sse(null, chunk("[{\"functionCall\":{\"args\":{}}}]", "STOP"))).message())
                .contains("functionCall part without a name");
    }
}
