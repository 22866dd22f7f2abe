package dev.lakegate.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Fixtures;
import dev.lakegate.protocol.canonical.Fixtures.Scenario;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamEvent;
import dev.lakegate.protocol.canonical.StreamEvents;
import dev.lakegate.protocol.canonical.StreamOptions;
import dev.lakegate.protocol.canonical.WireEvents;
import dev.lakegate.protocol.usage.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeminiStreamEncoderTest {
    private final GeminiResponseWriter writer = new GeminiResponseWriter();

    private List<byte[]> stream(Framing framing, CanonicalResponse response) {
        return WireEvents.encode(writer.stream(new StreamOptions(framing, false)), StreamEvents.from(response, 2));
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void jsonArrayHoldsTheSameChunksAsSse(Scenario scenario) {
        List<byte[]> array = stream(Framing.JSON_ARRAY, Fixtures.response(scenario));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        array.forEach(all::writeBytes);
        String body = all.toString(StandardCharsets.UTF_8);
        assertThat(body).startsWith("[{").endsWith("}\n]");
        assertThat(body.split("\n,\r\n", -1)).hasSize(array.size());
        JsonNode parsed = Json.parse(body, "JSON array");
        assertThat(List.copyOf(parsed.valueStream().toList())).isEqualTo(WireEvents.jsonData(stream(Framing.SSE, Fixtures.response(scenario))));
    }

    @Test
    void onlyTheLastChunkCarriesFinishReasonAndFullUsage() {
        List<JsonNode> chunks = WireEvents.jsonData(stream(Framing.SSE, Fixtures.response(Scenario.THINKING)));
        for (JsonNode chunk : chunks.subList(0, chunks.size() - 1)) {
            assertThat(chunk.at("/candidates/0/finishReason").isMissingNode()).isTrue();
            assertThat(chunk.at("/usageMetadata/candidatesTokenCount").isMissingNode()).isTrue();
        }
        JsonNode last = chunks.getLast();
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/candidatesTokenCount").asLong()).isEqualTo(10);
        assertThat(last.at("/usageMetadata/thoughtsTokenCount").asLong()).isEqualTo(15);
        assertThat(last.at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(65);
    }

    @Test
    void aSignatureWithNothingAfterItRidesOnTheFinalPart() {
        CanonicalResponse r = new CanonicalResponse("r1", "m", List.of(new ContentBlock.Thinking("hmm", "sig")), StopReason.END_TURN, Usage.NONE);
        JsonNode last = WireEvents.jsonData(stream(Framing.SSE, r)).getLast();
        assertThat(last.at("/candidates/0/content/parts/0/thoughtSignature").asText()).isEqualTo("sig");
        JsonNode unary = Json.parse(new String(writer.unary(r)), "unary");
        assertThat(unary.at("/candidates/0/content/parts/0/thoughtSignature").asText()).isEqualTo("sig");
    }

    @Test
    void toolArgumentsMustBeJsonAndBounded() {
        StreamEncoder bad = writer.stream(StreamOptions.SSE);
        bad.encode(new StreamEvent.Start("r1", "m", Usage.NONE));
        bad.encode(new StreamEvent.ToolCallStart("c1", "run"));
        bad.encode(new StreamEvent.ToolCallDelta("{\"x\":"));
        assertThatThrownBy(() -> bad.encode(new StreamEvent.Finish(StopReason.TOOL_USE, Usage.NONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arguments of tool call 'run'");

        StreamEncoder big = writer.stream(StreamOptions.SSE);
        big.encode(new StreamEvent.Start("r1", "m", Usage.NONE));
        big.encode(new StreamEvent.ToolCallStart("c1", "run"));
        String mib = "x".repeat(1 << 20);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 9; i++) {
                big.encode(new StreamEvent.ToolCallDelta(mib));
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("exceed");
    }
}
