package dev.lakegate.protocol.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.canonical.Fixtures.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamEventsTest {

    @Test
    void splitsIntoSimilarPiecesThatJoinBack() {
        assertThat(StreamEvents.split("abcdefg", 3)).containsExactly("abc", "def", "g");
        assertThat(StreamEvents.split("ab", 5)).containsExactly("a", "b");
        assertThat(StreamEvents.split("", 3)).containsExactly("");
        assertThat(StreamEvents.split("abc", 1)).containsExactly("abc");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "a😀b😀";
        List<String> parts = StreamEvents.split(text, 4);
        assertThat(String.join("", parts)).isEqualTo(text);
        parts.forEach(p -> assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).as(p).isFalse());
    }

    @Test
    void eventsFollowTheBlocksAndEndWithTheFinalUsage() {
        CanonicalResponse r = Fixtures.response(Scenario.THINKING);
        List<StreamEvent> events = StreamEvents.from(r, 1);
        assertThat(events).containsExactly(
                new StreamEvent.Start("id_think01", "test-model", StreamEvents.promptPart(r.usage())),
                new StreamEvent.ThinkingDelta("The user asks for the answer."),
                new StreamEvent.ThinkingSignature("c2lnbmF0dXJl"),
                new StreamEvent.TextDelta("It is 42."),
                new StreamEvent.Finish(StopReason.END_TURN, r.usage()));
        assertThat(StreamEvents.promptPart(r.usage()).outputTokens()).isZero();
    }

    @Test
    void toolArgumentsStreamAsTheirJsonText() {
        List<StreamEvent> events = StreamEvents.from(Fixtures.response(Scenario.TOOL), 1);
        assertThat(events).contains(new StreamEvent.ToolCallStart("call_weather1", "get_weather"),
                new StreamEvent.ToolCallDelta("{\"city\":\"Paris\"}"));
    }
}
