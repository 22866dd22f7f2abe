package dev.lakegate.protocol.openai.chat;

import static dev.lakegate.protocol.canonical.request.JsonFields.array;
import static dev.lakegate.protocol.canonical.request.JsonFields.at;
import static dev.lakegate.protocol.canonical.request.JsonFields.element;
import static dev.lakegate.protocol.canonical.request.JsonFields.error;
import static dev.lakegate.protocol.canonical.request.JsonFields.leftovers;
import static dev.lakegate.protocol.canonical.request.JsonFields.object;
import static dev.lakegate.protocol.canonical.request.JsonFields.requireString;
import static dev.lakegate.protocol.openai.chat.ChatRequestReader.C;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.Conversation;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.ImageUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Chat message content: a string, null, or parts ({@code text}, {@code image_url}; others stay opaque). */
final class ChatRequestParts {
    private ChatRequestParts() {}

    static List<ContentBlock> content(ObjectNode m, String path, Extras.Builder hints) {
        JsonNode content = m.get("content");
        if (content == null || content.isNull()) {
            hints.hint("content_null", content != null);
            return List.of();
        }
        if (content.isTextual()) {
            hints.hint("content", "string");
            return List.of(new ContentBlock.Text(content.textValue(), Extras.of(C)));
        }
        ArrayNode parts = array(m, "content", path);
        List<ContentBlock> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String p = at(at(path, "content"), i);
            out.add(part(element(parts.get(i), p), p));
        }
        return out;
    }

    private static ContentBlock part(ObjectNode part, String path) {
        String type = requireString(part, "type", path);
        return switch (type) {
            case "text" -> new ContentBlock.Text(requireString(part, "text", path),
                    Extras.builder(C).fields(leftovers(part, Set.of("type", "text"))).build());
            case "image_url" -> {
                ObjectNode image = object(part, "image_url", path);
                if (image == null) {
                    throw error(at(path, "image_url"), "missing; an image_url part needs {url}");
                }
                Extras.Builder extras = Extras.builder(C).fields(leftovers(part, Set.of("type", "image_url")))
                        .nested("image_url", leftovers(image, Set.of("url")));
                yield new ContentBlock.Image(ImageUrls.parse(requireString(image, "url", at(path, "image_url"))), extras.build());
            }
            default -> new ContentBlock.Opaque(type, Extras.builder(C).fields(part).build());
        };
    }

    // ---- writing ----

    /** Content as a string when the source said so or when it is one plain text; otherwise as parts. */
    static void write(ObjectNode message, List<ContentBlock> content, Extras extras) {
        boolean foreign = !extras.from(C);
        if (content.isEmpty()) {
            if (extras.hinted(C, "content_null")) {
                message.putNull("content");
            } else if (foreign) {
                message.put("content", "");
            }
            return;
        }
        boolean asString = "string".equals(extras.hint(C, "content")) || foreign && content.stream().allMatch(ContentBlock.Text.class::isInstance);
        if (asString) {
            message.put("content", Conversation.text(content, "\n\n"));
            return;
        }
        ArrayNode parts = message.putArray("content");
        content.forEach(b -> {
            ObjectNode part = part(b);
            if (part != null) {
                parts.add(part);
            }
        });
    }

    /** A text, image or (same-protocol) opaque part; null for blocks Chat content cannot hold. */
    static ObjectNode part(ContentBlock block) {
        ObjectNode part = switch (block) {
            case ContentBlock.Text t -> Json.object().put("type", "text").put("text", t.text());
            case ContentBlock.Image i -> {
                ObjectNode p = Json.object().put("type", "image_url");
                p.putObject("image_url").put("url", ImageUrls.url(i.source()));
                yield p;
            }
            case ContentBlock.Opaque o -> Json.object();
            case ContentBlock.ToolUse t -> null;
            case ContentBlock.ToolResult r -> null;
            case ContentBlock.Thinking t -> null;
            case ContentBlock.RedactedThinking r -> null;
        };
        if (part != null) {
            block.extras().writeInto(C, part);
        }
        return part;
    }
}
