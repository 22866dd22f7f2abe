package dev.lakegate.protocol.openai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.canonical.Fixtures;
import dev.lakegate.protocol.canonical.Fixtures.Scenario;
import dev.lakegate.protocol.canonical.StreamEvents;
import dev.lakegate.protocol.canonical.StreamOptions;
import dev.lakegate.protocol.canonical.WireEvents;
import dev.lakegate.protocol.sse.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatStreamEncoderTest {
    private final ChatResponseWriter writer = new ChatResponseWriter(Fixtures.CLOCK);

    private List<byte[]> stream(Scenario scenario, boolean includeUsage) {
        return WireEvents.encode(writer.stream(new StreamOptions(Framing.SSE, includeUsage)),
                StreamEvents.from(Fixtures.response(scenario), 2));
    }

    @Test
    void roleFirstFinishReasonThenDoneWithoutUsageUnlessAskedFor() {
        List<SseEvent> events = WireEvents.sse(stream(Scenario.TEXT, false));
        assertThat(events).allSatisfy(e -> assertThat(e.event()).isNull());
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(WireEvents::data).toList();
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.has("usage")).isFalse();
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
        });
    }

    @Test
    void usageChunkHasNoChoicesAndComesJustBeforeDone() {
        List<JsonNode> chunks = WireEvents.jsonData(stream(Scenario.USAGE, true));
        JsonNode usage = chunks.getLast();
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.at("/usage/prompt_tokens").asLong()).isEqualTo(1000);
        assertThat(usage.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(800);
        assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
    }

    @Test
    void parallelToolCallsAreNumberedAndArgumentsJoinBack() {
        StringBuilder[] args = {new StringBuilder(), new StringBuilder()};
        for (JsonNode chunk : WireEvents.jsonData(stream(Scenario.TOOL, false))) {
            for (JsonNode call : chunk.at("/choices/0/delta/tool_calls")) {
                args[call.path("index").asInt()].append(call.at("/function/arguments").asText());
            }
        }
        assertThat(args[0]).hasToString("{\"city\":\"Paris\"}");
        assertThat(args[1]).hasToString("{\"tz\":\"CET\"}");
    }

    @Test
    void thinkingIsNotSentBecauseOpenAiSendsNone() {
        String all = new String(writer.unary(Fixtures.response(Scenario.THINKING)));
        assertThat(all).doesNotContain("The user asks").contains("\"reasoning_tokens\":15");
        assertThat(WireEvents.jsonData(stream(Scenario.THINKING, false)).toString()).doesNotContain("The user asks");
    }
}
