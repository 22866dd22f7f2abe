package dev.lakegate.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One case's request, before any protocol: each {@link ClientDialect} writes it in its client's own
 * JSON. Null and empty components are left out of the wire request.
 *
 * @param system the system prompt, or null
 * @param forcedTool the tool the model must call, or null
 * @param maxTokens the output limit, or null
 * @param reasoning ask for a little thinking: effort {@code low}, or a budget of {@link #REASONING_BUDGET} tokens,
 *     in the client's own form
 */
record KitRequest(String system, List<Turn> turns, List<ToolDef> tools, String forcedTool, Integer maxTokens,
        List<String> stopSequences, boolean reasoning) {

    /** The budget that stands for effort {@code low} (the canonical model maps 2048 tokens and {@code low} onto each other). */
    static final int REASONING_BUDGET = 2048;

    KitRequest {
        turns = List.copyOf(turns);
        tools = List.copyOf(tools);
        stopSequences = List.copyOf(stopSequences);
    }

    /** A turn of the conversation. */
    sealed interface Turn {}

    /** The user's text, with an image before it when {@code image} is not null. */
    record User(String text, Image image) implements Turn {}

    record Assistant(String text) implements Turn {}

    /** The assistant's tool calls, as the client received them. */
    record Calls(List<Call> calls) implements Turn {
        Calls {
            calls = List.copyOf(calls);
        }
    }

    /** The client's results of those calls. */
    record Results(List<Result> results) implements Turn {
        Results {
            results = List.copyOf(results);
        }
    }

    /** Inline ({@code base64} set) or by {@code url}; only Gemini's fileData states a URL's media type. */
    record Image(String mediaType, String base64, String url) {
        static Image inline(String mediaType, String base64) {
            return new Image(mediaType, base64, null);
        }

        static Image at(String mediaType, String url) {
            return new Image(mediaType, null, url);
        }
    }

    /** @param arguments a JSON object */
    record Call(String id, String name, JsonNode arguments) {
        Call {
            Objects.requireNonNull(id, "id");
        }
    }

    /** @param name the function called; Gemini results name it instead of (or beside) an id */
    record Result(String callId, String name, String text) {}

    record ToolDef(String name, String description, JsonNode schema) {}

    static KitRequest user(String text) {
        return new KitRequest(null, List.of(new User(text, null)), List.of(), null, null, List.of(), false);
    }

    static KitRequest of(Turn... turns) {
        return new KitRequest(null, List.of(turns), List.of(), null, null, List.of(), false);
    }

    KitRequest then(Turn... more) {
        List<Turn> all = new ArrayList<>(turns);
        all.addAll(Arrays.asList(more));
        return new KitRequest(system, all, tools, forcedTool, maxTokens, stopSequences, reasoning);
    }

    KitRequest withSystem(String prompt) {
        return new KitRequest(prompt, turns, tools, forcedTool, maxTokens, stopSequences, reasoning);
    }

    KitRequest withTools(ToolDef... defs) {
        return new KitRequest(system, turns, List.of(defs), forcedTool, maxTokens, stopSequences, reasoning);
    }

    KitRequest forcing(String toolName) {
        return new KitRequest(system, turns, tools, toolName, maxTokens, stopSequences, reasoning);
    }

    KitRequest withMaxTokens(int max) {
        return new KitRequest(system, turns, tools, forcedTool, max, stopSequences, reasoning);
    }

    KitRequest withStopSequences(String... stops) {
        return new KitRequest(system, turns, tools, forcedTool, maxTokens, List.of(stops), reasoning);
    }

    KitRequest withReasoning() {
        return new KitRequest(system, turns, tools, forcedTool, maxTokens, stopSequences, true);
    }
}
