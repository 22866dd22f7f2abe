package dev.lakegate.protocol.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.usage.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folding events back into answers, and the emitter's guarantees that decoders rely on. */
class ResponseAssemblerTest {

    private static CanonicalResponse assemble(StreamEvent... events) {
        ResponseAssembler a = new ResponseAssembler();
        for (StreamEvent e : events) {
            a.accept(e);
        }
        return a.response();
    }

    private static final StreamEvent START = new StreamEvent.Start("id", "m", Usage.NONE);
    private static final StreamEvent FINISH = new StreamEvent.Finish(StopReason.END_TURN, Usage.NONE);

    @Test
    void isTheInverseOfStreamEventsFrom() {
        for (CanonicalResponse r : DecodeCases.all().values()) {
            ResponseAssembler a = new ResponseAssembler();
            StreamEvents.from(r, 3).forEach(a);
            List<ContentBlock> streamable = r.content().stream().filter(b -> !(b instanceof ContentBlock.RedactedThinking)).toList();
            assertThat(a.response()).isEqualTo(new CanonicalResponse(r.id(), r.model(), streamable, r.stopReason(), r.usage()));
        }
    }

    @Test
    void aSignatureClosesItsThinkingBlockAndStandsAloneWithoutOne() {
        assertThat(assemble(START, new StreamEvent.ThinkingDelta("a"), new StreamEvent.ThinkingSignature("s1"), new StreamEvent.ThinkingDelta("b"),
                new StreamEvent.ThinkingSignature("s2"), new StreamEvent.ThinkingSignature("s3"), new StreamEvent.TextDelta("t"), FINISH).content())
                .containsExactly(new ContentBlock.Thinking("a", "s1"), new ContentBlock.Thinking("b", "s2"), new ContentBlock.Thinking("", "s3"),
                        new ContentBlock.Text("t"));
    }

    @Test
    void toolArgumentsMustBeAJsonObject() {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> assemble(START, new StreamEvent.ToolCallStart("c1", "f"),
                new StreamEvent.ToolCallDelta("[1,2]"), FINISH));
        assertThat(e.error().category()).isEqualTo(ErrorCategory.UPSTREAM_ERROR);
        assertThat(e.getMessage()).contains("The arguments of tool call 'f' (c1) are not a JSON object: [1,2]");
        assertThat(assemble(START, new StreamEvent.ToolCallStart("c1", "f"), new StreamEvent.ToolCallDelta("  "), FINISH).content())
                .containsExactly(new ContentBlock.ToolUse("c1", "f", Json.object()));
        assertThatThrownBy(() -> assemble(START, new StreamEvent.ToolCallDelta("{}"), FINISH)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ResponseAssembler().response()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theEmitterStartsFirstDropsEmptyDeltasAndInfersToolTurns() {
        List<StreamEvent> events = new ArrayList<>();
        CanonicalEmitter out = new CanonicalEmitter(WireProtocol.GEMINI, events::add);
        out.text("");
        out.thinking(null);
        out.toolCall("c", "f");
        out.toolArguments("");
        out.start("late", "late", null);
        StreamEvent.Finish finish = out.finish(StopReason.END_TURN, Usage.NONE);
        assertThat(events.getFirst()).isInstanceOf(StreamEvent.Start.class);
        assertThat(((StreamEvent.Start) events.getFirst()).id()).startsWith("gen_");
        assertThat(events).hasSize(3);
        assertThat(finish.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThatThrownBy(() -> out.text("x")).isInstanceOf(IllegalStateException.class);
        CanonicalEmitter other = new CanonicalEmitter(WireProtocol.GEMINI, e -> { });
        other.text("x");
        assertThatThrownBy(() -> other.toolArguments("{}")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("tool call arguments arrived outside a tool call");
    }
}
