package dev.lakegate.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.canonical.Fixtures;
import dev.lakegate.protocol.canonical.Fixtures.Scenario;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StreamEvent;
import dev.lakegate.protocol.canonical.StreamEvents;
import dev.lakegate.protocol.canonical.StreamOptions;
import dev.lakegate.protocol.canonical.WireEvents;
import dev.lakegate.protocol.sse.SseEvent;
import dev.lakegate.protocol.usage.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamEncoderTest {
    private final AnthropicResponseWriter writer = new AnthropicResponseWriter();

    @Test
    void eventNamesMatchTypesAndBlockIndicesPairUp() {
        List<SseEvent> events = WireEvents.sse(WireEvents.encode(writer.stream(StreamOptions.SSE),
                StreamEvents.from(Fixtures.response(Scenario.TOOL), 3)));
        int open = -1;
        int last = -1;
        for (SseEvent e : events) {
            JsonNode data = WireEvents.data(e);
            assertThat(data.path("type").asText()).isEqualTo(e.event());
            switch (e.event()) {
                case "content_block_start" -> {
                    assertThat(open).as("a block is still open").isEqualTo(-1);
                    open = data.path("index").asInt();
                    assertThat(open).isEqualTo(last + 1);
                }
                case "content_block_delta" -> assertThat(data.path("index").asInt()).isEqualTo(open);
                case "content_block_stop" -> {
                    assertThat(data.path("index").asInt()).isEqualTo(open);
                    last = open;
                    open = -1;
                }
                default -> assertThat(open).as("%s inside a block", e.event()).isEqualTo(-1);
            }
        }
        assertThat(last).isEqualTo(2);
        assertThat(events.getFirst().event()).isEqualTo("message_start");
        assertThat(events.getLast().event()).isEqualTo("message_stop");
    }

    @Test
    void streamedDeltasRebuildTheUnaryMessage() {
        var response = Fixtures.response(Scenario.THINKING);
        JsonNode unary = Json.parse(new String(writer.unary(response)), "unary");
        StringBuilder thinking = new StringBuilder();
        StringBuilder text = new StringBuilder();
        String signature = null;
        for (SseEvent e : WireEvents.sse(WireEvents.encode(writer.stream(StreamOptions.SSE), StreamEvents.from(response, 4)))) {
            JsonNode delta = WireEvents.data(e).path("delta");
            switch (delta.path("type").asText()) {
                case "thinking_delta" -> thinking.append(delta.path("thinking").asText());
                case "signature_delta" -> signature = delta.path("signature").asText();
                case "text_delta" -> text.append(delta.path("text").asText());
                default -> { }
            }
        }
        assertThat(unary.at("/content/0/thinking").asText()).isEqualTo(thinking.toString());
        assertThat(unary.at("/content/0/signature").asText()).isEqualTo(signature);
        assertThat(unary.at("/content/1/text").asText()).isEqualTo(text.toString());
    }

    @Test
    void inputTokensExcludeCacheReadsAndWrites() {
        JsonNode usage = AnthropicWire.usage(new Usage(1000, 5, 800, 150, 0, false));
        assertThat(usage.path("input_tokens").asLong()).isEqualTo(50);
        assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(800);
        assertThat(usage.path("cache_creation_input_tokens").asLong()).isEqualTo(150);
    }

    @Test
    void argumentsBeforeAToolCallAreAProgrammingError() {
        var encoder = writer.stream(StreamOptions.SSE);
        encoder.encode(new StreamEvent.Start("msg_1", "m", Usage.NONE));
        assertThatThrownBy(() -> encoder.encode(new StreamEvent.ToolCallDelta("{}"))).isInstanceOf(IllegalStateException.class);
    }
}
