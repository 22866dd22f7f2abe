package dev.lakegate.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.usage.Usage;
import java.util.List;

/** Gemini API names and shapes shared by the unary and streaming writers. */
final class GeminiWire {
    private GeminiWire() {}

    /** Gemini reports a tool call with STOP; it has no separate tool-use finish reason. */
    static String finishReason(StopReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE, TOOL_USE, PAUSE_TURN -> "STOP";
            case MAX_TOKENS -> "MAX_TOKENS";
            case REFUSAL, CONTENT_FILTER -> "SAFETY";
            case ERROR -> "OTHER";
        };
    }

    /**
     * Gemini counts cached tokens inside {@code promptTokenCount} but thoughts beside the
     * candidates: {@code candidatesTokenCount} excludes {@code thoughtsTokenCount}.
     *
     * @param complete false for the prompt-only counts Gemini puts on chunks before the last
     */
    static ObjectNode usageMetadata(Usage usage, boolean complete) {
        ObjectNode u = Json.object().put("promptTokenCount", usage.inputTokens());
        if (!complete) {
            return u.put("totalTokenCount", usage.inputTokens());
        }
        u.put("candidatesTokenCount", Math.max(0, usage.outputTokens() - usage.reasoningTokens()));
        u.put("totalTokenCount", usage.totalTokens());
        if (usage.cacheReadTokens() > 0) {
            u.put("cachedContentTokenCount", usage.cacheReadTokens());
        }
        if (usage.reasoningTokens() > 0) {
            u.put("thoughtsTokenCount", usage.reasoningTokens());
        }
        return u;
    }

    /** One {@code GenerateContentResponse}: the unary body, or one chunk of a stream. */
    static ObjectNode response(List<ObjectNode> parts, String finishReason, ObjectNode usageMetadata, String model, String responseId) {
        ObjectNode r = Json.object();
        ObjectNode candidate = r.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addAll(parts);
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        r.set("usageMetadata", usageMetadata);
        r.put("modelVersion", model);
        r.put("responseId", responseId);
        return r;
    }

    static ObjectNode textPart(String text) {
        return Json.object().put("text", text);
    }

    static ObjectNode thoughtPart(String text) {
        return Json.object().put("text", text).put("thought", true);
    }

    /** Gemini has no call id on the wire (clients make their own), so the canonical id is not sent. */
    static ObjectNode functionCallPart(String name, JsonNode args) {
        ObjectNode part = Json.object();
        part.putObject("functionCall").put("name", name).set("args", args);
        return part;
    }
}
