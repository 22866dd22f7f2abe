package dev.lakegate.protocol.anthropic;

import static dev.lakegate.protocol.canonical.Decoding.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Decoding;
import dev.lakegate.protocol.canonical.ResponseReader;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.canonical.StreamEvent;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.usage.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Anthropic upstream bodies (goldens under {@code anthropic/decode/}) and hostile streams. */
class AnthropicDecodeTest {
    private static final WireProtocol P = WireProtocol.ANTHROPIC;
    private static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\",\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}";
    private static final String TEXT_BLOCK = "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}";
    private static final String HELLO = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}";

    @ParameterizedTest
    @ValueSource(strings = {"text.sse", "thinking-tool.sse", "server-tools.sse"})
    void goldenStreams(String name) {
        Decoding.assertStreamGolden(P, Framing.SSE, "anthropic/decode/" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"message.json", "refusal.json"})
    void goldenBodies(String name) {
        Decoding.assertUnaryGolden(P, "anthropic/decode/" + name);
    }

    @Test
    void usageMergesMessageStartAndMessageDeltaAndPromptPartOpensTheStream() {
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, Decoding.resource("anthropic/decode/thinking-tool.sse"), 0);
        assertThat(d.response().usage()).isEqualTo(new Usage(12 + 2048 + 30000, 87, 30000, 2048, 0, false));
        assertThat(((StreamEvent.Start) d.events().getFirst()).usage()).isEqualTo(new Usage(32060, 0, 30000, 2048, 0, false));
    }

    @Test
    void redactedThinkingIsKeptOpaqueInUnaryAnswers() {
        CanonicalResponse r = ResponseReader.of(P).unary(Decoding.resource("anthropic/decode/message.json"));
        ContentBlock.RedactedThinking redacted = (ContentBlock.RedactedThinking) r.content().get(1);
        assertThat(redacted.data()).startsWith("EmwKAhgB");
        assertThat(redacted.extras().from(WireProtocol.ANTHROPIC)).isTrue();
    }

    @Test
    void aStreamWithoutMessageStopStillEnds() {
        assertThat(Decoding.stream(P, Framing.SSE, Decoding.resource("anthropic/decode/server-tools.sse"), 0).response().stopReason())
                .isEqualTo(StopReason.PAUSE_TURN);
    }

    @Test
    void malformedJsonFailsAfterWhatWasAlreadyEmitted() {
        Decoding.Failed f = Decoding.failing(P, Framing.SSE, sse("message_start", START, "content_block_start", TEXT_BLOCK,
                "content_block_delta", HELLO, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"));
        assertThat(f.events()).containsExactly(new StreamEvent.Start("msg_1", "claude", new Usage(5, 0, 0, 0, 0, false)), new StreamEvent.TextDelta("Hello"));
        assertThat(f.message()).startsWith("Anthropic upstream sent a malformed response: SSE event content_block_delta is not valid JSON");
    }

    @Test
    void errorEventFailsWithTheUpstreamMessage() {
        Decoding.Failed f = Decoding.failing(P, Framing.SSE, sse("message_start", START, "content_block_start", TEXT_BLOCK, "content_block_delta", HELLO,
                "error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertThat(f.events()).hasSize(2);
        assertThat(f.message()).contains("overloaded_error: Overloaded");
        assertThat(f.error().error().status()).isEqualTo(502);
    }

    @Test
    void deltasMustTargetTheOpenBlock() {
        assertThat(Decoding.failing(P, Framing.SSE, sse("message_start", START, "content_block_start", TEXT_BLOCK,
                "content_block_delta", HELLO.replace("\"index\":0", "\"index\":1"))).message()).contains("content_block_delta for block 1, which is not open");
        assertThat(Decoding.failing(P, Framing.SSE, sse("content_block_delta", HELLO)).message()).contains("block 0, which is not open");
        assertThat(Decoding.failing(P, Framing.SSE, sse("content_block_start", TEXT_BLOCK, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}",
                "content_block_start", TEXT_BLOCK)).message()).contains("content_block_start has index 0 after block 0");
        assertThat(Decoding.failing(P, Framing.SSE, sse("content_block_start", TEXT_BLOCK.replace("\"index\":0", "\"index\":\"x\""))).message())
                .contains("index -1");
        assertThat(Decoding.failing(P, Framing.SSE, sse("content_block_start", TEXT_BLOCK,
                "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}"))
                .message()).contains("input_json_delta in a text block (0)");
    }

    @Test
    void anEndBeforeTheStopReasonIsAnError() {
        Decoding.Failed f = Decoding.failing(P, Framing.SSE, sse("message_start", START, "content_block_start", TEXT_BLOCK, "content_block_delta", HELLO));
        assertThat(f.events()).hasSize(2);
        assertThat(f.message()).contains("ended without a stop_reason");
    }

    @Test
    void missingMessageStartIsSynthesizedAndEventsAfterMessageStopAreIgnored() {
        Decoding.Decoded d = Decoding.stream(P, Framing.SSE, sse("content_block_start", TEXT_BLOCK, "content_block_delta", HELLO,
                "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":3}}",
                "message_stop", "{\"type\":\"message_stop\"}", "content_block_delta", HELLO.replace("\"index\":0", "\"index\":9")));
        assertThat(d.response().id()).startsWith("gen_");
        assertThat(d.response().model()).isEqualTo("unknown");
        assertThat(d.response().content()).containsExactly(new ContentBlock.Text("Hello"));
        assertThat(d.response().stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void anOversizedEventIsRefused() {
        String huge = "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(17 << 20) + "\"}";
        assertThat(Decoding.failing(P, Framing.SSE, sse("message_start", START, "ping", huge)).message()).contains("larger than 16777216 bytes");
    }

    @Test
    void unaryErrorsAndTruncatedBodiesAreUpstreamErrors() {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> ResponseReader.of(P).unary(
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal\"}}".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.error().category()).isEqualTo(ErrorCategory.UPSTREAM_ERROR);
        assertThat(e.getMessage()).contains("api_error: Internal");
        GatewayException t = catchThrowableOfType(GatewayException.class, () -> ResponseReader.of(P).unary(
                "{\"id\":\"msg\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]".getBytes(StandardCharsets.UTF_8)));
        assertThat(t.getMessage()).contains("the response body is not valid JSON");
    }
}
