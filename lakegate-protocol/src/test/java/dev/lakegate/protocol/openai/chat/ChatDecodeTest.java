package dev.lakegate.protocol.openai.chat;

import static dev.lakegate.protocol.canonical.Decoding.sse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Decoding;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.canonical.StreamEvent;
import dev.lakegate.protocol.usage.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chat Completions upstream bodies (goldens under {@code openai/chat/decode/}), parallel tool call routing, hostile streams. */
class ChatDecodeTest {
    private static final WireProtocol P = WireProtocol.OPENAI_CHAT;

    /** One chunk of choice 0 with {@code delta}. */
    private static String chunk(String delta) {
        return "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}";
    }

    private static String call(int index, String idAndName, String arguments) {
        String fn = (idAndName == null ? "" : "\"name\":\"" + idAndName + "\",") + "\"arguments\":" + Json.string(Json.object().put("a", arguments).get("a"));
        return chunk("{\"tool_calls\":[{\"index\":" + index + (idAndName == null ? "" : ",\"id\":\"id_" + idAndName + "\"") + ",\"function\":{" + fn + "}}]}");
    }

    private static final String FINISH = "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";

    @ParameterizedTest
    @ValueSource(strings = {"interleaved.sse"})
    void goldenStreams(String name) {
        Decoding.assertStreamGolden(P, Framing.SSE, "openai/chat/decode/" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"completion.json", "refusal.json"})
    void goldenBodies(String name) {
        Decoding.assertUnaryGolden(P, "openai/chat/decode/" + name);
    }

    @Test
    void interleavedCallsAreStartedOnceWithTheirOwnArgumentsInOrder() {
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, Decoding.resource("openai/chat/decode/interleaved.sse"), 0);
        assertThat(d.response().content()).containsExactly(
                new ContentBlock.Thinking("Two cities, two calls.", null),
                new ContentBlock.Text("Checking both."),
                new ContentBlock.ToolUse("call_paris", "get_weather", Json.parse("{\"city\":\"Paris {x}\"}", "t")),
                new ContentBlock.ToolUse("call_rome", "get_weather", Json.parse("{\"city\":\"Rome\"}", "t")),
                new ContentBlock.ToolUse("call_time", "get_time", Json.object()));
        assertThat(d.events().stream().filter(e -> e instanceof StreamEvent.ToolCallStart)).hasSize(3);
        assertThat(d.response().usage()).isEqualTo(new Usage(120, 75, 64, 0, 30, false));
    }

    @Test
    void aCallSeenWhileAnotherIsIncompleteWaitsUntilItCompletes() {
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, sse(null, call(0, "a", "{\"x\":"), null, call(1, "b", "{}"), null, call(0, null, "1}"), null, FINISH));
        assertThat(d.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "Start", "ToolCallStart", "ToolCallDelta", "ToolCallDelta", "ToolCallStart", "ToolCallDelta", "Finish");
        assertThat(d.response().content()).extracting(b -> ((ContentBlock.ToolUse) b).id()).containsExactly("id_a", "id_b");
        assertThat(d.response().stopReason()).as("stop with tool calls is a tool turn").isEqualTo(StopReason.TOOL_USE);
        assertThat(d.response().usage()).as("no usage chunk").isEqualTo(Usage.NONE);
    }

    @Test
    void aCallWithoutArgumentsHoldsTheNextOneUntilTheFinish() {
        String named = chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"id_a\",\"function\":{\"name\":\"a\"}}]}");
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, sse(null, named, null, call(1, "b", "{\"q\":"), null, call(1, null, "2}"), null, FINISH));
        assertThat(d.response().content()).containsExactly(new ContentBlock.ToolUse("id_a", "a", Json.object()),
                new ContentBlock.ToolUse("id_b", "b", Json.object().put("q", 2)));
        assertThat(d.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "Start", "ToolCallStart", "ToolCallStart", "ToolCallDelta", "Finish");
    }

    @Test
    void onlyChoiceZeroIsReadAndChunksAfterDoneAreIgnored() {
        String other = "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other\"}},{\"index\":0,\"delta\":{\"content\":\"mine\"}}]}";
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, sse(null, other, null, FINISH) + "data: [DONE]\n\n" + sse(null, chunk("{\"content\":\"late\"}")));
        assertThat(d.response().content()).containsExactly(new ContentBlock.Text("mine"));
    }

    @Test
    void toolCallIndicesAndOrderAreGuarded() {
        assertThat(Decoding.failing(P, Framing.SSE, sse(null, call(256, "a", "{}"))).message()).contains("tool call index 256 is outside 0..255");
        assertThat(Decoding.failing(P, Framing.SSE, sse(null, call(0, "a", "{}"), null, call(1, "b", "{}"), null, call(0, null, "{\"late\":1}"))).message())
                .contains("arguments for tool call 0 arrived after its turn in the stream had ended");
        assertThat(Decoding.failing(P, Framing.SSE, sse(null, call(0, "a", "{\"x\":"), null, chunk("{\"content\":\"text\"}"), null, call(0, null, "1}"))).message())
                .contains("arguments for tool call 0 arrived after its turn");
        assertThat(Decoding.failing(P, Framing.SSE, sse(null, call(0, null, "{}"), null, FINISH)).message()).contains("tool call 0 has no function name");
    }

    @Test
    void interleavedArgumentsAreBufferedWithinABound() {
        String big = "\"" + "x".repeat(ChatToolCalls.MAX_BUFFERED_CHARS) + "\"";
        Decoding.Failed f = Decoding.failing(P, Framing.SSE, sse(null, call(0, "a", "{\"x\":"), null, call(1, "b", "{\"y\":"), null, call(1, null, big)));
        assertThat(f.message()).contains("more than 8388608 characters of interleaved tool call arguments");
        assertThat(f.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly("Start", "ToolCallStart", "ToolCallDelta");
    }

    @Test
    void errorChunksAndMissingFinishReasonsFail() {
        Decoding.Failed error = Decoding.failing(P, Framing.SSE, sse(null, chunk("{\"content\":\"Hi\"}"),
                null, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
        assertThat(error.message()).contains("OpenAI Chat Completions upstream failed during the response (server_error: The server had an error)");
        assertThat(error.events()).hasSize(2);
        assertThat(Decoding.failing(P, Framing.SSE, sse(null, chunk("{\"content\":\"Hi\"}")) + "data: [DONE]\n\n").message())
                .contains("ended without a finish_reason");
        assertThat(Decoding.failing(P, Framing.SSE, "data: {\"id\":\"c1\",\"choices\":[\n\n").message()).contains("an SSE event is not valid JSON");
        assertThat(Decoding.failing(P, Framing.SSE, "data: [1,2]\n\n").message()).contains("an SSE event is not a JSON object");
    }
}
