package dev.lakegate.protocol.gemini;

import static dev.lakegate.protocol.gemini.GeminiRequestReader.G;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.Conversation;
import dev.lakegate.protocol.canonical.request.ImageUrls;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import java.util.Map;

/**
 * Canonical blocks as Gemini parts. Gemini has no tool-call ids: calls and responses go by function
 * name (a Gemini client's own ids go back to Gemini only), so each result looks up its call's name.
 */
final class GeminiRequestPartWriter {
    /** Gemini's documented signature for function calls made by another model. */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    private GeminiRequestPartWriter() {}

    /** Appends the block's parts to {@code parts}; returns the main one, or null when Gemini cannot take the block. */
    static ObjectNode write(ContentBlock block, Map<String, String> names, ArrayNode parts) {
        ObjectNode part = switch (block) {
            case ContentBlock.Text t -> Json.object().put("text", t.text());
            case ContentBlock.Thinking t -> {
                ObjectNode p = Json.object().put("text", t.text()).put("thought", true);
                yield t.signature() == null ? p : p.put("thoughtSignature", t.signature());
            }
            case ContentBlock.Image i -> image(i);
            case ContentBlock.ToolUse t -> {
                ObjectNode call = Json.object();
                if (t.extras().hinted(G, "id")) {
                    call.put("id", t.id());
                }
                call.put("name", t.name()).set("args", t.input());
                yield Json.object().set("functionCall", call);
            }
            case ContentBlock.ToolResult r -> response(r, names);
            case ContentBlock.Opaque o -> Json.object();
            case ContentBlock.RedactedThinking r -> null; // Gemini has none; never from Gemini
        };
        if (part == null) {
            return null;
        }
        block.extras().writeInto(G, part);
        parts.add(part);
        if (block instanceof ContentBlock.ToolResult r) {
            // images a tool returned follow its response as parts of the same turn
            r.content().stream().filter(ContentBlock.Image.class::isInstance).forEach(i -> parts.add(image((ContentBlock.Image) i)));
        }
        return part;
    }

    private static ObjectNode image(ContentBlock.Image i) {
        return switch (i.source()) {
            case ContentBlock.Image.Base64 b -> {
                ObjectNode p = Json.object();
                p.putObject("inlineData").put("mimeType", b.mediaType()).put("data", b.data());
                yield p;
            }
            case ContentBlock.Image.Url u -> {
                ObjectNode p = Json.object();
                ObjectNode file = p.putObject("fileData");
                if (u.mediaType() != null || !i.extras().from(G)) {
                    file.put("mimeType", ImageUrls.guessMediaType(u));
                }
                file.put("fileUri", u.url());
                yield p;
            }
        };
    }

    private static ObjectNode response(ContentBlock.ToolResult r, Map<String, String> names) {
        String name = names.get(r.toolUseId());
        if (name == null) {
            throw new GatewayException(ErrorCategory.INVALID_REQUEST, "Cannot translate the tool result for call '" + r.toolUseId()
                    + "': no earlier tool call has that id, and Gemini matches results to calls by function name. "
                    + "Send each tool result after the assistant turn that made the call.");
        }
        ObjectNode fr = Json.object();
        if (r.extras().hinted(G, "id")) {
            fr.put("id", r.toolUseId());
        }
        fr.put("name", name);
        JsonNode verbatim = r.extras().field(G, "functionResponse");
        if (verbatim == null || !verbatim.has("response")) {
            fr.putObject("response").put(r.isError() ? "error" : "output", Conversation.text(r.content(), "\n\n"));
        }
        return Json.object().set("functionResponse", fr);
    }
}
