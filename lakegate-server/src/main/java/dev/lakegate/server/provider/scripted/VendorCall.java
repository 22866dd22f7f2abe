package dev.lakegate.server.provider.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;

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
        String model = route.pathModel() != null ? route.pathModel() : body.path("model").asText(UNNAMED_MODEL);
        Framing framing = switch (p) {
            case GEMINI -> route.framing();
            case ANTHROPIC, OPENAI_CHAT, OPENAI_RESPONSES -> body.path("stream").asBoolean(false) ? Framing.SSE : Framing.JSON;
        };
        boolean includeUsage = body.at("/stream_options/include_usage").asBoolean(false);
        return new VendorCall(p, model, framing != Framing.JSON, framing, includeUsage, lastUserText(p, body));
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
