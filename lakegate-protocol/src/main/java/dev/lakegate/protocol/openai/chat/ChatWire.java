package dev.lakegate.protocol.openai.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.usage.Usage;

/** OpenAI Chat Completions names and shapes shared by the unary and streaming writers. */
final class ChatWire {
    private ChatWire() {}

    static String finishReason(StopReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE, PAUSE_TURN, REFUSAL, ERROR -> "stop";
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    /** OpenAI counts cached tokens inside {@code prompt_tokens} and reasoning inside {@code completion_tokens}, as {@link Usage} does. */
    static ObjectNode usage(Usage usage) {
        ObjectNode u = Json.object();
        u.put("prompt_tokens", usage.inputTokens());
        u.put("completion_tokens", usage.outputTokens());
        u.put("total_tokens", usage.totalTokens());
        u.putObject("prompt_tokens_details").put("cached_tokens", usage.cacheReadTokens());
        u.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        return u;
    }

    /** The envelope every completion and chunk shares. */
    static ObjectNode envelope(String id, String object, long created, String model) {
        return Json.object().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = Json.object().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }
}
