package dev.lakegate.protocol.anthropic;

import static dev.lakegate.protocol.anthropic.AnthropicRequestReader.A;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Conversation;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.Message;
import dev.lakegate.protocol.canonical.request.OtherTool;
import dev.lakegate.protocol.canonical.request.Sampling;
import dev.lakegate.protocol.canonical.request.Tool;
import dev.lakegate.protocol.canonical.request.ToolIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes a canonical request as an Anthropic Messages body; thinking, tool choice and output options in {@link AnthropicRequestThinking}. */
final class AnthropicRequestWriter {
    /** Anthropic requires max_tokens; Claude Code's own value, which every current Claude model accepts. */
    static final int DEFAULT_MAX_TOKENS = 32_000;
    /** Options that Anthropic refuses without their {@code type}. */
    private static final List<String> TYPED_OPTIONS = List.of("tool_choice", "thinking");

    private AnthropicRequestWriter() {}

    static byte[] write(CanonicalRequest r, String upstreamModel) {
        boolean foreign = !r.extras().from(A);
        List<Message> portable = Conversation.portable(r.messages(), A);
        Conversation.Split split = Conversation.hoistSystem(Conversation.system(r, A), foreign ? nonEmpty(portable) : portable, A);
        List<Message> messages = Conversation.mergeSameRole(split.messages(), A);

        ObjectNode root = Json.object();
        root.put("model", upstreamModel != null ? upstreamModel : r.model());
        Sampling s = r.sampling();
        root.put("max_tokens", s.maxOutputTokens() != null ? s.maxOutputTokens() : DEFAULT_MAX_TOKENS);
        system(root, split.system(), r, foreign);
        ArrayNode out = root.putArray("messages");
        for (Message m : messages) {
            ObjectNode msg = out.addObject().put("role", switch (m.role()) {
                case SYSTEM -> "system";
                case USER -> "user";
                case ASSISTANT -> "assistant";
            });
            AnthropicRequestBlocks.writeContent(msg, "content", m.content(), m.extras(), foreign, true);
            m.extras().writeInto(A, msg);
        }
        Set<String> toolNames = tools(root, r);
        AnthropicRequestThinking.write(root, r, messages, toolNames, foreign);
        if (foreign) {
            cacheBreakpoints(root);
        }
        if (r.userId() != null) {
            root.putObject("metadata").put("user_id", r.userId());
        }
        if (r.stream() || r.extras().hinted(A, "stream_false")) {
            root.put("stream", r.stream());
        }
        r.extras().writeInto(A, root);
        for (String typed : TYPED_OPTIONS) {
            if (root.get(typed) instanceof ObjectNode o && !o.has("type")) {
                root.remove(typed); // only the leftover keys of an option dropped above (a tool choice without tools)
            }
        }
        return Json.bytes(root);
    }

    /** Anthropic tool ids are {@code [A-Za-z0-9_-]}; ids of other vendors that are not get a stable hash. */
    static String id(String id) {
        return ToolIds.fit(id, 64);
    }

    private static void system(ObjectNode root, List<ContentBlock.Text> system, CanonicalRequest r, boolean foreign) {
        if (system.isEmpty()) {
            return;
        }
        if (system.size() == 1 && "string".equals(r.extras().hint(A, "system"))) {
            root.put("system", system.getFirst().text());
            return;
        }
        ArrayNode blocks = root.putArray("system");
        system.forEach(t -> blocks.add(AnthropicRequestBlocks.write(t, foreign)));
    }

    /** Writes function tools and Anthropic's own other tools; returns the names a tool choice may name. */
    private static Set<String> tools(ObjectNode root, CanonicalRequest r) {
        Set<String> names = new HashSet<>();
        List<Map.Entry<Extras, ObjectNode>> written = new ArrayList<>();
        for (Tool t : r.tools()) {
            ObjectNode tool = Json.object().put("name", t.name());
            written.add(Map.entry(t.extras(), tool));
            if (t.description() != null) {
                tool.put("description", t.description());
            }
            tool.set("input_schema", t.inputSchema() != null ? t.inputSchema() : Json.object().put("type", "object").set("properties", Json.object()));
            t.extras().writeInto(A, tool);
            names.add(t.name());
        }
        for (OtherTool t : r.otherTools()) {
            if (t.extras().from(A)) {
                written.add(Map.entry(t.extras(), t.extras().fields().deepCopy()));
                if (t.name() != null) {
                    names.add(t.name());
                }
            }
        }
        ArrayNode tools = Conversation.inOrder(written, A);
        if (!tools.isEmpty() || r.extras().hinted(A, "tools_empty")) {
            root.set("tools", tools);
        }
        return names;
    }

    /**
     * Foreign text blocks that are empty are dropped (Anthropic rejects them; OpenAI assistants send
     * {@code ""} beside tool calls), and messages left without content with them.
     */
    private static List<Message> nonEmpty(List<Message> messages) {
        return messages.stream()
                .map(m -> m.withContent(m.content().stream().filter(b -> !(b instanceof ContentBlock.Text t && t.text().isEmpty())).toList()))
                .filter(m -> !m.content().isEmpty())
                .toList();
    }

    /**
     * OpenAI and Gemini cache prompt prefixes by themselves; Anthropic only at explicit breakpoints.
     * For translated traffic, mark the last tool, the last system block and the last block of the
     * conversation, as Claude Code does (Anthropic allows four).
     */
    private static void cacheBreakpoints(ObjectNode root) {
        mark(root.get("tools") instanceof ArrayNode a && !a.isEmpty() ? (ObjectNode) a.get(a.size() - 1) : null);
        if (root.get("system") instanceof ArrayNode a && !a.isEmpty()) {
            mark((ObjectNode) a.get(a.size() - 1));
        }
        ArrayNode messages = (ArrayNode) root.get("messages");
        if (!messages.isEmpty() && messages.get(messages.size() - 1) instanceof ObjectNode last) {
            if (last.get("content").isTextual()) {
                ArrayNode blocks = Json.array();
                blocks.addObject().put("type", "text").put("text", last.get("content").textValue());
                last.set("content", blocks);
            }
            ArrayNode content = (ArrayNode) last.get("content");
            if (!content.isEmpty() && !content.get(content.size() - 1).path("type").asText().contains("thinking")) {
                mark((ObjectNode) content.get(content.size() - 1));
            }
        }
    }

    private static void mark(ObjectNode block) {
        if (block != null) {
            block.set("cache_control", Json.object().put("type", "ephemeral"));
        }
    }
}
