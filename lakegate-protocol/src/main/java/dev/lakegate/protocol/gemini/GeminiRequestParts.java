package dev.lakegate.protocol.gemini;

import static dev.lakegate.protocol.canonical.request.JsonFields.at;
import static dev.lakegate.protocol.canonical.request.JsonFields.bool;
import static dev.lakegate.protocol.canonical.request.JsonFields.element;
import static dev.lakegate.protocol.canonical.request.JsonFields.leftovers;
import static dev.lakegate.protocol.canonical.request.JsonFields.object;
import static dev.lakegate.protocol.canonical.request.JsonFields.requireString;
import static dev.lakegate.protocol.canonical.request.JsonFields.string;
import static dev.lakegate.protocol.gemini.GeminiRequestReader.G;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.Extras;
import java.util.List;
import java.util.Set;

/**
 * Gemini parts: {@code text} (with {@code thought: true}: thinking), {@code inlineData} and
 * {@code fileData} images, {@code functionCall}, {@code functionResponse}; the rest stays opaque. A
 * {@code thoughtSignature} stays a verbatim Gemini field of its part, so it only goes back to Gemini.
 */
final class GeminiRequestParts {
    private GeminiRequestParts() {}

    static ContentBlock read(ObjectNode part, String path, GeminiCallIds ids) {
        if (part.has("text")) {
            String text = requireString(part, "text", path);
            if (Boolean.TRUE.equals(bool(part, "thought", path))) {
                return new ContentBlock.Thinking(text, string(part, "thoughtSignature", path),
                        Extras.builder(G).fields(leftovers(part, Set.of("text", "thought", "thoughtSignature"))).build());
            }
            return new ContentBlock.Text(text, rest(part, "text"));
        }
        if (part.has("inlineData")) {
            ObjectNode data = object(part, "inlineData", path);
            String mime = requireString(data, "mimeType", at(path, "inlineData"));
            return !mime.startsWith("image/") ? opaque("inlineData", part)
                    : new ContentBlock.Image(new ContentBlock.Image.Base64(mime, requireString(data, "data", at(path, "inlineData"))), rest(part, "inlineData"));
        }
        if (part.has("fileData")) {
            ObjectNode file = object(part, "fileData", path);
            String mime = string(file, "mimeType", at(path, "fileData"));
            return mime != null && !mime.startsWith("image/") ? opaque("fileData", part)
                    : new ContentBlock.Image(new ContentBlock.Image.Url(requireString(file, "fileUri", at(path, "fileData")), mime), rest(part, "fileData"));
        }
        if (part.has("functionCall")) {
            ObjectNode call = object(part, "functionCall", path);
            String cp = at(path, "functionCall");
            String wireId = string(call, "id", cp);
            String name = requireString(call, "name", cp);
            JsonNode args = call.get("args") == null || call.get("args").isNull() ? Json.object() : element(call.get("args"), at(cp, "args"));
            return new ContentBlock.ToolUse(ids.call(wireId, name), name, args, Extras.builder(G).fields(leftovers(part, Set.of("functionCall")))
                    .nested("functionCall", leftovers(call, Set.of("id", "name", "args"))).hint("id", wireId != null).build());
        }
        if (part.has("functionResponse")) {
            return response(part, path, ids);
        }
        return opaque(part.properties().stream().map(e -> e.getKey()).filter(k -> !k.equals("thoughtSignature")).findFirst().orElse("part"), part);
    }

    /**
     * A {@code response} of {@code {"output": text}} or {@code {"error": text}} (what Gemini CLI and
     * Lakegate send) becomes that text; any other object becomes its JSON text, and goes back to
     * Gemini verbatim.
     */
    private static ContentBlock response(ObjectNode part, String path, GeminiCallIds ids) {
        ObjectNode fr = object(part, "functionResponse", path);
        String rp = at(path, "functionResponse");
        String wireId = string(fr, "id", rp);
        String name = requireString(fr, "name", rp);
        ObjectNode response = object(fr, "response", rp);
        ObjectNode rest = leftovers(fr, Set.of("id", "name", "response"));
        boolean error = false;
        String text;
        if (response != null && response.size() == 1 && response.path("output").isTextual()) {
            text = response.get("output").textValue();
        } else if (response != null && response.size() == 1 && response.path("error").isTextual()) {
            text = response.get("error").textValue();
            error = true;
        } else {
            text = response == null ? "" : Json.string(response);
            if (response != null) {
                rest.set("response", response);
            }
        }
        Extras extras = Extras.builder(G).fields(leftovers(part, Set.of("functionResponse"))).nested("functionResponse", rest)
                .hint("id", wireId != null).build();
        return new ContentBlock.ToolResult(ids.response(wireId, name, rp), List.of(new ContentBlock.Text(text)), error, extras);
    }

    private static ContentBlock opaque(String type, ObjectNode part) {
        return new ContentBlock.Opaque(type, Extras.builder(G).fields(part).build());
    }

    private static Extras rest(ObjectNode part, String known) {
        return Extras.builder(G).fields(leftovers(part, Set.of(known))).build();
    }
}
