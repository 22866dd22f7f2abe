package dev.lakegate.protocol.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.usage.Usage;
import java.util.List;

/** Anthropic Messages names and shapes shared by the unary and streaming writers. */
final class AnthropicWire {
    private AnthropicWire() {}

    static String stopReason(StopReason reason) {
        return switch (reason) {
            case END_TURN, ERROR -> "end_turn"; // Anthropic has no error stop: the turn simply ended
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case TOOL_USE -> "tool_use";
            case PAUSE_TURN -> "pause_turn";
            case REFUSAL, CONTENT_FILTER -> "refusal";
        };
    }

    /** Anthropic counts cache reads and writes beside {@code input_tokens}, not inside it, and splits writes by lifetime. */
    static ObjectNode usage(Usage usage) {
        ObjectNode u = Json.object();
        u.put("input_tokens", Math.max(0, usage.inputTokens() - usage.cacheReadTokens() - usage.cacheCreationTokens()));
        u.put("cache_creation_input_tokens", usage.cacheCreationTokens());
        u.put("cache_read_input_tokens", usage.cacheReadTokens());
        if (usage.cacheCreationTokens() > 0) {
            u.putObject("cache_creation").put("ephemeral_5m_input_tokens", usage.cacheCreation5mTokens())
                    .put("ephemeral_1h_input_tokens", usage.cacheCreation1hTokens());
        }
        u.put("output_tokens", usage.outputTokens());
        return u;
    }

    /** The message object; {@code stopReason} null while streaming has not finished. */
    static ObjectNode message(String id, String model, List<ContentBlock> content, StopReason stopReason, Usage usage) {
        ObjectNode m = Json.object();
        m.put("id", id);
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", model);
        ArrayNode blocks = m.putArray("content");
        content.stream().filter(AnthropicWire::answerBlock).forEach(b -> blocks.add(block(b)));
        m.put("stop_reason", stopReason == null ? null : stopReason(stopReason));
        m.putNull("stop_sequence");
        m.set("usage", usage(usage));
        return m;
    }

    static ObjectNode block(ContentBlock block) {
        ObjectNode b = Json.object();
        switch (block) {
            case ContentBlock.Text t -> b.put("type", "text").put("text", t.text());
            case ContentBlock.Thinking t -> b.put("type", "thinking").put("thinking", t.text())
                    .put("signature", t.signature() == null ? "" : t.signature());
            case ContentBlock.ToolUse t -> b.put("type", "tool_use").put("id", t.id()).put("name", t.name()).set("input", t.input());
            case ContentBlock.RedactedThinking t -> b.put("type", "redacted_thinking").put("data", t.data());
            case ContentBlock.Image i -> throw requestOnly(i);
            case ContentBlock.ToolResult r -> throw requestOnly(r);
            case ContentBlock.Opaque o -> throw requestOnly(o);
        }
        return b;
    }

    /** Images, tool results and opaque blocks only occur in requests; an answer never carries them. */
    static boolean answerBlock(ContentBlock block) {
        return switch (block) {
            case ContentBlock.Text t -> true;
            case ContentBlock.ToolUse t -> true;
            case ContentBlock.Thinking t -> true;
            case ContentBlock.RedactedThinking t -> true;
            case ContentBlock.Image i -> false;
            case ContentBlock.ToolResult r -> false;
            case ContentBlock.Opaque o -> false;
        };
    }

    private static IllegalArgumentException requestOnly(ContentBlock block) {
        return new IllegalArgumentException(block.getClass().getSimpleName() + " blocks only occur in requests");
    }
}
