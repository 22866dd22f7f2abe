package dev.lakegate.protocol.openai.responses;

import static dev.lakegate.protocol.canonical.Decoding.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Decoding;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.ResponseReader;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.usage.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OpenAI Responses upstream bodies (goldens under {@code openai/responses/decode/}) and hostile streams. */
class ResponsesDecodeTest {
    private static final WireProtocol P = WireProtocol.OPENAI_RESPONSES;
    private static final String CREATED = "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"gpt\",\"status\":\"in_progress\",\"output\":[]}}";
    private static final String MESSAGE_ADDED = "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[]}}";
    private static final String DELTA = "{\"type\":\"response.output_text.delta\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\"}";

    private static String terminal(String type, String status, String extra) {
        return "{\"type\":\"" + type + "\",\"response\":{\"id\":\"resp_1\",\"model\":\"gpt\",\"status\":\"" + status + "\"" + extra
                + ",\"output\":[{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi\"}]}],"
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":2,\"total_tokens\":5}}}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"reasoning-tool.sse", "bare.sse", "incomplete.sse"})
    void goldenStreams(String name) {
        Decoding.assertStreamGolden(P, Framing.SSE, "openai/responses/decode/" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"response.json", "refusal.json"})
    void goldenBodies(String name) {
        Decoding.assertUnaryGolden(P, "openai/responses/decode/" + name);
    }

    @Test
    void streamAndUnaryAgreeAndEncryptedReasoningBecomesTheSignature() {
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, Decoding.resource("openai/responses/decode/reasoning-tool.sse"), 0);
        assertThat(d.response().content()).containsExactly(
                new ContentBlock.Thinking("**Plan** list files\n\nthen answer", "gAAAAABo-encrypted=="),
                new ContentBlock.Text("Running it."),
                new ContentBlock.ToolUse("call_Xk1", "exec_command", Json.object().put("cmd", "ls")));
        assertThat(d.response().stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(d.response().usage()).isEqualTo(new Usage(5000, 300, 4096, 0, 256, false));
        assertThat(ResponseReader.of(P).unary(Decoding.resource("openai/responses/decode/response.json")).content())
                .isEqualTo(d.response().content().stream().map(b -> b instanceof ContentBlock.ToolUse t
                        ? new ContentBlock.ToolUse("call_U1", t.name(), t.input()) : b).toList());
    }

    @Test
    void aBareStreamGetsASynthesizedStart() {
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, Decoding.resource("openai/responses/decode/bare.sse"), 0);
        assertThat(d.response().id()).startsWith("gen_");
        assertThat(d.response().content()).hasSize(2);
    }

    @Test
    void outputFirstSeenInTheTerminalResponseIsEmitted() {
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, sse("response.created", CREATED, "response.completed", terminal("response.completed", "completed", "")));
        assertThat(d.response().content()).containsExactly(new ContentBlock.Text("Hi"));
        assertThat(d.response().id()).isEqualTo("resp_1");
    }

    @Test
    void aFailedResponseIsTheUpstreamsErrorAfterWhatWasAlreadySaid() {
        Decoding.Failed f = Decoding.failing(P, Framing.SSE, sse("response.created", CREATED, "response.output_item.added", MESSAGE_ADDED,
                "response.output_text.delta", DELTA, "response.failed", terminal("response.failed", "failed", ",\"error\":{\"code\":\"server_error\",\"message\":\"x\"}")));
        assertThat(f.message()).contains("server_error: x");
        assertThat(f.events()).hasSize(2); // Start and the text delta reached the client before the failure
    }

    @Test
    void errorEventsAndEarlyEndsFail() {
        Decoding.Failed f = Decoding.failing(P, Framing.SSE, sse("response.created", CREATED, "response.output_item.added", MESSAGE_ADDED,
                "response.output_text.delta", DELTA, "error", "{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down\",\"param\":null}"));
        assertThat(f.message()).contains("rate_limit_exceeded: Slow down");
        assertThat(f.events()).hasSize(2);
        assertThat(Decoding.failing(P, Framing.SSE, sse("response.created", CREATED, "response.output_item.added", MESSAGE_ADDED,
                "response.output_text.delta", DELTA)).message()).contains("the stream ended before response.completed");
    }

    @Test
    void deltasMustTargetTheOpenItemOfTheirKind() {
        assertThat(Decoding.failing(P, Framing.SSE, sse("response.output_text.delta", DELTA)).message())
                .contains("response.output_text.delta for output item 0, which is not open");
        assertThat(Decoding.failing(P, Framing.SSE, sse("response.output_item.added", MESSAGE_ADDED, "x", DELTA.replace("\"output_index\":0", "\"output_index\":4")))
                .message()).contains("for output item 4, which is not open");
        assertThat(Decoding.failing(P, Framing.SSE, sse("response.output_item.added", MESSAGE_ADDED,
                "x", "{\"type\":\"response.function_call_arguments.delta\",\"output_index\":0,\"delta\":\"{}\"}")).message())
                .contains("response.function_call_arguments.delta in a MESSAGE item (0)");
        assertThat(Decoding.failing(P, Framing.SSE, sse("response.output_item.added", MESSAGE_ADDED, "response.output_item.added", MESSAGE_ADDED)).message())
                .contains("output item 0 was added after item 0");
        assertThat(Decoding.failing(P, Framing.SSE, sse("response.output_item.added",
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"function_call\",\"call_id\":\"c\"}}")).message())
                .contains("function_call item 0 has no name");
    }

    @Test
    void unknownItemsAndEventsAreSkipped() {
        String custom = "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"custom_tool_call\",\"name\":\"apply_patch\"}}";
        String input = "{\"type\":\"response.custom_tool_call_input.delta\",\"output_index\":0,\"delta\":\"*** Begin Patch\"}";
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, sse("response.created", CREATED, "response.output_item.added", custom,
                "response.custom_tool_call_input.delta", input, "response.output_text.delta", DELTA,
                "response.completed", terminal("response.completed", "completed", "")));
        assertThat(d.response().content()).as("the message at index 0 was never announced as such").isEmpty();
    }

    @Test
    void unaryErrorBodiesAndUnfinishedResponsesFail() {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> ResponseReader.of(P).unary(
                "{\"error\":{\"message\":\"Bad gateway\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.getMessage()).contains("server_error: Bad gateway");
        GatewayException q = catchThrowableOfType(GatewayException.class, () -> ResponseReader.of(P).unary(
                "{\"id\":\"r\",\"status\":\"queued\",\"output\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(q.getMessage()).contains("the response ended with status 'queued'");
    }
}
