package dev.lakegate.protocol.openai.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.usage.Usage;

/** OpenAI Responses names and shapes: response status from the stop reason, usage, the response envelope. */
final class ResponsesWire {
    private ResponsesWire() {}

    /** How a response ends: its status, the terminal event, and the detail object that explains it. */
    record Ending(String status, String event, String incompleteReason, String errorCode) {}

    static Ending ending(StopReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE, TOOL_USE, PAUSE_TURN, REFUSAL -> new Ending("completed", "response.completed", null, null);
            case MAX_TOKENS -> new Ending("incomplete", "response.incomplete", "max_output_tokens", null);
            case CONTENT_FILTER -> new Ending("incomplete", "response.incomplete", "content_filter", null);
            case ERROR -> new Ending("failed", "response.failed", null, "server_error");
        };
    }

    /** OpenAI counts cached tokens inside {@code input_tokens} and reasoning inside {@code output_tokens}, as {@link Usage} does. */
    static ObjectNode usage(Usage usage) {
        ObjectNode u = Json.object();
        u.put("input_tokens", usage.inputTokens());
        u.putObject("input_tokens_details").put("cached_tokens", usage.cacheReadTokens());
        u.put("output_tokens", usage.outputTokens());
        u.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        u.put("total_tokens", usage.totalTokens());
        return u;
    }

    /** The {@code response} object; {@code ending} and {@code usage} are null while it is in progress. */
    static ObjectNode response(String id, long createdAt, String model, Ending ending, ArrayNode output, Usage usage) {
        ObjectNode r = Json.object();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", createdAt);
        r.put("status", ending == null ? "in_progress" : ending.status());
        if (ending != null && ending.errorCode() != null) {
            r.putObject("error").put("code", ending.errorCode()).put("message", "The model stopped with an error before finishing its answer.");
        } else {
            r.putNull("error");
        }
        if (ending != null && ending.incompleteReason() != null) {
            r.putObject("incomplete_details").put("reason", ending.incompleteReason());
        } else {
            r.putNull("incomplete_details");
        }
        r.put("model", model);
        r.set("output", output);
        r.put("parallel_tool_calls", true);
        r.put("tool_choice", "auto");
        r.putArray("tools");
        if (usage == null) {
            r.putNull("usage");
        } else {
            r.set("usage", usage(usage));
        }
        return r;
    }
}
