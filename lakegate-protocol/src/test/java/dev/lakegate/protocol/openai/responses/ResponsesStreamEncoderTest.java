package dev.lakegate.protocol.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.Fixtures;
import dev.lakegate.protocol.canonical.Fixtures.Scenario;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.canonical.StreamEvents;
import dev.lakegate.protocol.canonical.StreamOptions;
import dev.lakegate.protocol.canonical.WireEvents;
import dev.lakegate.protocol.sse.SseEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResponsesStreamEncoderTest {
    /** The documented event types; Codex and the OpenAI SDKs know no others. */
    private static final Set<String> STANDARD = Set.of("response.created", "response.in_progress", "response.completed",
            "response.incomplete", "response.failed", "response.output_item.added", "response.output_item.done",
            "response.content_part.added", "response.content_part.done", "response.output_text.delta", "response.output_text.done",
            "response.function_call_arguments.delta", "response.function_call_arguments.done",
            "response.reasoning_summary_part.added", "response.reasoning_summary_part.done",
            "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done");

    private final ResponsesResponseWriter writer = new ResponsesResponseWriter(Fixtures.CLOCK);

    private List<SseEvent> stream(CanonicalResponse response) {
        return WireEvents.sse(WireEvents.encode(writer.stream(StreamOptions.SSE), StreamEvents.from(response, 3)));
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void standardEventsNumberedFromZeroAndTheLastOneCarriesTheUnaryResponse(Scenario scenario) {
        List<SseEvent> events = stream(Fixtures.response(scenario));
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = WireEvents.data(events.get(i));
            assertThat(data.path("type").asText()).isEqualTo(events.get(i).event()).isIn(STANDARD);
            assertThat(data.path("sequence_number").asInt()).isEqualTo(i);
        }
        JsonNode terminal = WireEvents.data(events.getLast()).path("response");
        assertThat(terminal).isEqualTo(Json.parse(new String(writer.unary(Fixtures.response(scenario))), "unary"));
    }

    @Test
    void functionCallsCarryTheCanonicalIdAsCallId() {
        JsonNode output = Json.parse(new String(writer.unary(Fixtures.response(Scenario.TOOL))), "unary").path("output");
        assertThat(output.get(1).path("type").asText()).isEqualTo("function_call");
        assertThat(output.get(1).path("call_id").asText()).isEqualTo("call_weather1");
        assertThat(output.get(1).path("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(output.get(2).path("id").asText()).isEqualTo("fc_tool01_2");
    }

    @Test
    void cutShortAnswersEndWithResponseIncomplete() {
        List<SseEvent> events = stream(Fixtures.response(Scenario.USAGE));
        assertThat(events.getLast().event()).isEqualTo("response.incomplete");
        JsonNode response = WireEvents.data(events.getLast()).path("response");
        assertThat(response.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(response.at("/output/0/status").asText()).isEqualTo("incomplete");
    }

    @Test
    void errorsEndWithResponseFailed() {
        CanonicalResponse text = Fixtures.response(Scenario.TEXT);
        CanonicalResponse failed = new CanonicalResponse(text.id(), text.model(), text.content(), StopReason.ERROR, text.usage());
        List<SseEvent> events = stream(failed);
        assertThat(events.getLast().event()).isEqualTo("response.failed");
        assertThat(WireEvents.data(events.getLast()).at("/response/error/code").asText()).isEqualTo("server_error");
    }
}
