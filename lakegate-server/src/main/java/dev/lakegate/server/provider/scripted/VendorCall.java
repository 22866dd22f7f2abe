package dev.lakegate.server.provider.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import java.util.List;

/**
 * What one generation request asks of the scripted model, read lightly from the vendor's request
 * shape: enough to pick a script and echo the prompt, nothing more (this is a test double).
 *
 * @param lastUserText the text of the conversation's last message when it is a user message with
 *     text (system and developer messages skipped), else empty: a tool-result turn has no user text
 */
record VendorCall(WireProtocol protocol, String model, boolean stream, Framing framing, boolean includeUsage, String lastUserText) {
    static final String UNNAMED_MODEL = "scripted-model";

    static VendorCall read(Route route, JsonNode body) {
        WireProtocol p = route.protocol();
        check(p, body);
        String model = route.pathModel() != null ? route.pathModel() : body.path("model").asText(UNNAMED_MODEL);
        Framing framing = switch (p) {
            case GEMINI -> route.framing();
            case ANTHROPIC, OPENAI_CHAT, OPENAI_RESPONSES -> body.path("stream").asBoolean(false) ? Framing.SSE : Framing.JSON;
        };
        boolean includeUsage = body.at("/stream_options/include_usage").asBoolean(false);
        return new VendorCall(p, model, framing != Framing.JSON, framing, includeUsage, lastUserText(p, body));
    }

    /**
     * Refuses, as the vendors do with a 400, a request whose conversation or output limit has the wrong type; the rest
     * is not checked (the body is an object already). Fields left out are not required: a test may send only what it needs.
     *
     * @throws IllegalArgumentException naming the field
     */
    static void check(WireProtocol p, JsonNode body) {
        String list = switch (p) {
            case ANTHROPIC, OPENAI_CHAT -> "messages";
            case OPENAI_RESPONSES -> "input";
            case GEMINI -> "contents";
        };
        JsonNode items = body.path(list);
        if (!items.isMissingNode() && !items.isArray() && !(p == WireProtocol.OPENAI_RESPONSES && items.isTextual())) {
            throw new IllegalArgumentException(list + ": expected an array");
        }
        String content = p == WireProtocol.GEMINI ? "parts" : "content";
        for (JsonNode item : items.isArray() ? items : List.<JsonNode>of()) {
            JsonNode c = item.path(content);
            if (!item.isObject() || !(c.isMissingNode() || c.isNull() || c.isArray() || (c.isTextual() && p != WireProtocol.GEMINI))) {
                throw new IllegalArgumentException(list + ": each item must be an object whose " + content + " is "
                        + (p == WireProtocol.GEMINI ? "an array" : "a string or an array"));
            }
        }
        for (String limit : new String[] {"/max_tokens", "/max_completion_tokens", "/max_output_tokens", "/generationConfig/maxOutputTokens"}) {
            JsonNode n = body.at(limit);
            if (!n.isMissingNode() && !n.isNull() && !(n.isIntegralNumber() && n.canConvertToInt() && n.intValue() > 0)) {
                throw new IllegalArgumentException(limit.substring(limit.lastIndexOf('/') + 1) + ": expected a positive integer, got " + n);
            }
        }
    }

    private static String lastUserText(WireProtocol p, JsonNode body) {
        return switch (p) {
            case ANTHROPIC, OPENAI_CHAT -> lastUserText(body.path("messages"), "content");
            case OPENAI_RESPONSES -> body.path("input").isTextual() ? body.path("input").asText() : lastUserText(body.path("input"), "content");
            case GEMINI -> lastUserText(body.path("contents"), "parts");
        };
    }

    /** The last text part of the last non-system message, when that message is the user's. */
    private static String lastUserText(JsonNode messages, String contentField) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText("");
            if (role.equals("system") || role.equals("developer")) {
                continue;
            }
            return role.equals("user") ? lastText(m.path(contentField)) : "";
        }
        return "";
    }

    /**
     * Text of a string content, or of the last part carrying a {@code text} string (text, input_text,
     * Gemini parts) that is not a {@code <system-reminder>}: harness notes, which agents and the
     * translation of in-conversation system messages add beside what the user said.
     */
    private static String lastText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        for (int i = content.size() - 1; i >= 0; i--) {
            JsonNode text = content.get(i).path("text");
            if (text.isTextual() && !text.asText().stripLeading().startsWith("<system-reminder>")) {
                return text.asText();
            }
        }
        return "";
    }
}
