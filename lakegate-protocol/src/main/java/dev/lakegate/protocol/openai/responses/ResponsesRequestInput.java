package dev.lakegate.protocol.openai.responses;

import static dev.lakegate.protocol.openai.responses.ResponsesRequestReader.R;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.Conversation;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.ImageUrls;
import dev.lakegate.protocol.canonical.request.Message;
import dev.lakegate.protocol.canonical.request.ToolIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical messages as Responses input items: text and images as {@code message} items, tool calls
 * as {@code function_call}, tool results as {@code function_call_output}, Responses' own reasoning
 * as {@code reasoning} items, in block order.
 */
final class ResponsesRequestInput {
    private ResponsesRequestInput() {}

    static void write(Message m, ArrayNode input) {
        List<ContentBlock> run = new ArrayList<>();
        for (ContentBlock b : m.content()) {
            ObjectNode item = item(b);
            if (item == null) {
                run.add(b);
                continue;
            }
            flush(m, run, input);
            b.extras().writeInto(R, item);
            input.add(item);
        }
        flush(m, run, input);
    }

    /** The block as an item of its own; null for text and images, which go into a message item. */
    private static ObjectNode item(ContentBlock b) {
        return switch (b) {
            case ContentBlock.ToolUse t -> Json.object().put("type", "function_call").put("call_id", id(t.id())).put("name", t.name())
                    .put("arguments", t.extras().hint(R, "arguments") != null ? t.extras().hint(R, "arguments") : Json.string(t.input()));
            case ContentBlock.ToolResult r -> {
                ObjectNode out = Json.object().put("type", "function_call_output").put("call_id", id(r.toolUseId()));
                boolean textOnly = r.content().stream().allMatch(ContentBlock.Text.class::isInstance);
                if ("string".equals(r.extras().hint(R, "output")) || !r.extras().from(R) && textOnly) {
                    out.put("output", Conversation.text(r.content(), "\n\n"));
                } else {
                    out.set("output", parts(r.content(), "input_text"));
                }
                yield out;
            }
            case ContentBlock.Thinking t -> {
                ObjectNode out = Json.object().put("type", "reasoning");
                if (t.signature() != null) {
                    out.put("encrypted_content", t.signature());
                }
                if (!t.extras().fields().has("summary")) {
                    out.putArray("summary");
                }
                yield out;
            }
            case ContentBlock.Opaque o -> o.extras().hinted(R, "item") ? Json.object() : null; // else a part of a message
            case ContentBlock.RedactedThinking r -> Json.object(); // never from Responses: filtered out before
            case ContentBlock.Text t -> null;
            case ContentBlock.Image i -> null;
        };
    }

    private static void flush(Message m, List<ContentBlock> run, ArrayNode input) {
        if (run.isEmpty()) {
            return;
        }
        Extras extras = m.extras();
        String role = extras.from(R) ? extras.hint(R, "role") : switch (m.role()) {
            case SYSTEM -> "developer";
            case USER -> "user";
            case ASSISTANT -> "assistant";
        };
        ObjectNode item = Json.object();
        if (!extras.hinted(R, "untyped")) {
            item.put("type", "message");
        }
        item.put("role", role);
        if ("string".equals(extras.hint(R, "content")) && run.size() == 1 && run.getFirst() instanceof ContentBlock.Text t) {
            item.put("content", t.text());
        } else {
            item.set("content", parts(run, role.equals("assistant") ? "output_text" : "input_text"));
        }
        extras.writeInto(R, item);
        input.add(item);
        run.clear();
    }

    private static ArrayNode parts(List<ContentBlock> blocks, String textType) {
        ArrayNode parts = Json.array();
        for (ContentBlock b : blocks) {
            ObjectNode part = switch (b) {
                case ContentBlock.Text t -> Json.object().put("type", t.extras().from(R) ? t.extras().hint(R, "type") : textType).put("text", t.text());
                case ContentBlock.Image i -> Json.object().put("type", "input_image").put("image_url", ImageUrls.url(i.source()));
                case ContentBlock.Opaque o -> Json.object();
                case ContentBlock.ToolUse t -> null;
                case ContentBlock.ToolResult r -> null;
                case ContentBlock.Thinking t -> null;
                case ContentBlock.RedactedThinking r -> null;
            };
            if (part != null) {
                b.extras().writeInto(R, part);
                parts.add(part);
            }
        }
        return parts;
    }

    /** Call ids of other vendors pass unchanged when they are plain; others get a stable hash. */
    private static String id(String id) {
        return ToolIds.fit(id, 64);
    }
}
