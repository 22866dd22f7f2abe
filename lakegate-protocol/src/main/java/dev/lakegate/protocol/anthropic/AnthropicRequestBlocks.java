package dev.lakegate.protocol.anthropic;

import static dev.lakegate.protocol.anthropic.AnthropicRequestReader.A;
import static dev.lakegate.protocol.canonical.request.JsonFields.array;
import static dev.lakegate.protocol.canonical.request.JsonFields.at;
import static dev.lakegate.protocol.canonical.request.JsonFields.bool;
import static dev.lakegate.protocol.canonical.request.JsonFields.element;
import static dev.lakegate.protocol.canonical.request.JsonFields.error;
import static dev.lakegate.protocol.canonical.request.JsonFields.leftovers;
import static dev.lakegate.protocol.canonical.request.JsonFields.object;
import static dev.lakegate.protocol.canonical.request.JsonFields.requireString;
import static dev.lakegate.protocol.canonical.request.JsonFields.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.Extras;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Anthropic content blocks: {@code text}, {@code image}, {@code tool_use}, {@code tool_result}, {@code thinking}, {@code redacted_thinking}; anything else stays opaque. */
final class AnthropicRequestBlocks {
    private AnthropicRequestBlocks() {}

    /** A {@code content} field: a string (hinted, to write it back as one) or an array of blocks; absent is empty. */
    static List<ContentBlock> content(ObjectNode parent, String field, String path, Extras.Builder hints) {
        JsonNode content = parent.get(field);
        if (content == null || content.isNull()) {
            return List.of();
        }
        if (content.isTextual()) {
            hints.hint(field, "string");
            return List.of(new ContentBlock.Text(content.textValue(), Extras.of(A)));
        }
        ArrayNode blocks = array(parent, field, path);
        List<ContentBlock> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            String p = at(at(path, field), i);
            out.add(read(element(blocks.get(i), p), p));
        }
        return out;
    }

    static ContentBlock read(ObjectNode b, String path) {
        String type = requireString(b, "type", path);
        return switch (type) {
            case "text" -> new ContentBlock.Text(requireString(b, "text", path), rest(b, "type", "text"));
            case "image" -> image(b, path);
            case "tool_use" -> new ContentBlock.ToolUse(requireString(b, "id", path), requireString(b, "name", path), input(b, path),
                    rest(b, "type", "id", "name", "input"));
            case "tool_result" -> toolResult(b, path);
            case "thinking" -> new ContentBlock.Thinking(requireString(b, "thinking", path), string(b, "signature", path),
                    rest(b, "type", "thinking", "signature"));
            case "redacted_thinking" -> new ContentBlock.RedactedThinking(requireString(b, "data", path), rest(b, "type", "data"));
            default -> new ContentBlock.Opaque(type, Extras.builder(A).fields(b).build());
        };
    }

    private static ContentBlock image(ObjectNode b, String path) {
        ObjectNode source = object(b, "source", path);
        if (source == null) {
            throw error(at(path, "source"), "missing; an image needs a base64 or url source");
        }
        String sourcePath = at(path, "source");
        ContentBlock.Image.Source s = switch (requireString(source, "type", sourcePath)) {
            case "base64" -> new ContentBlock.Image.Base64(requireString(source, "media_type", sourcePath), requireString(source, "data", sourcePath));
            case "url" -> new ContentBlock.Image.Url(requireString(source, "url", sourcePath), null);
            default -> null; // a Files API id or a newer source kind: only Anthropic can resolve it
        };
        return s == null ? new ContentBlock.Opaque("image", Extras.builder(A).fields(b).build()) : new ContentBlock.Image(s, rest(b, "type", "source"));
    }

    private static JsonNode input(ObjectNode b, String path) {
        JsonNode input = b.get("input");
        if (input == null || input.isNull()) {
            return Json.object();
        }
        return element(input, at(path, "input"));
    }

    private static ContentBlock toolResult(ObjectNode b, String path) {
        Extras.Builder extras = Extras.builder(A).fields(leftovers(b, Set.of("type", "tool_use_id", "content", "is_error")));
        Boolean isError = bool(b, "is_error", path);
        extras.hint("is_error_false", Boolean.FALSE.equals(isError));
        List<ContentBlock> content = content(b, "content", path, extras);
        return new ContentBlock.ToolResult(requireString(b, "tool_use_id", path), content, Boolean.TRUE.equals(isError), extras.build());
    }

    private static Extras rest(ObjectNode b, String... known) {
        return Extras.builder(A).fields(leftovers(b, Set.of(known))).build();
    }

    // ---- writing ----

    /** A block for the wire; null when Anthropic cannot take it (the caller has filtered those already). */
    static ObjectNode write(ContentBlock block, boolean foreign) {
        ObjectNode b = Json.object();
        switch (block) {
            case ContentBlock.Text t -> b.put("type", "text").put("text", t.text());
            case ContentBlock.Image i -> {
                b.put("type", "image");
                ObjectNode source = b.putObject("source");
                switch (i.source()) {
                    case ContentBlock.Image.Base64 s -> source.put("type", "base64").put("media_type", s.mediaType()).put("data", s.data());
                    case ContentBlock.Image.Url u -> source.put("type", "url").put("url", u.url());
                }
            }
            case ContentBlock.ToolUse t -> b.put("type", "tool_use").put("id", AnthropicRequestWriter.id(t.id())).put("name", t.name()).set("input", t.input());
            case ContentBlock.ToolResult r -> toolResult(r, b, foreign);
            case ContentBlock.Thinking t -> {
                b.put("type", "thinking").put("thinking", t.text());
                if (t.signature() != null) {
                    b.put("signature", t.signature());
                }
            }
            case ContentBlock.RedactedThinking r -> b.put("type", "redacted_thinking").put("data", r.data());
            case ContentBlock.Opaque o -> { }
        }
        block.extras().writeInto(A, b);
        return b;
    }

    private static void toolResult(ContentBlock.ToolResult r, ObjectNode b, boolean foreign) {
        b.put("type", "tool_result").put("tool_use_id", AnthropicRequestWriter.id(r.toolUseId()));
        writeContent(b, "content", r.content(), r.extras(), foreign, false);
        if (r.isError()) {
            b.put("is_error", true);
        } else if (r.extras().hinted(A, "is_error_false")) {
            b.put("is_error", false);
        }
    }

    /** Writes {@code content} as a string when the source did, or when a foreign one is a single text; else as blocks. */
    static void writeContent(ObjectNode parent, String field, List<ContentBlock> content, Extras extras, boolean foreign, boolean required) {
        boolean asString = "string".equals(extras.hint(A, field)) || foreign && content.size() == 1;
        if (asString && content.size() == 1 && content.getFirst() instanceof ContentBlock.Text t
                && (!t.extras().from(A) || t.extras().fields().isEmpty())) {
            parent.put(field, t.text());
        } else if (!content.isEmpty() || required) {
            ArrayNode blocks = parent.putArray(field);
            content.forEach(c -> blocks.add(write(c, foreign)));
        }
    }
}
