package dev.lakegate.protocol.openai.chat;

import static dev.lakegate.protocol.openai.chat.ChatRequestReader.C;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical messages as Chat messages: tool results become one {@code tool} message each, before
 * any other content of their turn; tool calls ride on the assistant message as {@code tool_calls}.
 */
final class ChatRequestMessages {
    private ChatRequestMessages() {}

    static void write(Message m, ArrayNode out) {
        switch (m.role()) {
            case SYSTEM -> {
                ObjectNode msg = out.addObject().put("role", m.extras().from(C) ? m.extras().hint(C, "role") : "system");
                ChatRequestParts.write(msg, m.content(), m.extras());
                m.extras().writeInto(C, msg);
            }
            case USER -> user(m, out);
            case ASSISTANT -> assistant(m, out);
        }
    }

    private static void user(Message m, ArrayNode out) {
        List<ContentBlock> rest = new ArrayList<>();
        List<ContentBlock> toolImages = new ArrayList<>();
        for (ContentBlock b : m.content()) {
            if (b instanceof ContentBlock.ToolResult r) {
                ObjectNode tool = out.addObject().put("role", "tool").put("tool_call_id", ChatRequestWriter.id(r.toolUseId()));
                List<ContentBlock> texts = r.content().stream().filter(c -> !(c instanceof ContentBlock.Image)).toList();
                r.content().stream().filter(ContentBlock.Image.class::isInstance).forEach(toolImages::add);
                ChatRequestParts.write(tool, texts, r.extras().from(C) ? r.extras() : Extras.NONE);
                r.extras().writeInto(C, tool);
            } else {
                rest.add(b);
            }
        }
        // tool messages take text only: images a tool returned follow as a user message
        rest.addAll(0, toolImages);
        if (!rest.isEmpty() && !"tool".equals(m.extras().hint(C, "role"))) {
            ObjectNode msg = out.addObject().put("role", "user");
            ChatRequestParts.write(msg, rest, m.extras());
            m.extras().writeInto(C, msg);
        }
    }

    private static void assistant(Message m, ArrayNode out) {
        ObjectNode msg = out.addObject().put("role", "assistant");
        List<ContentBlock> content = new ArrayList<>();
        ArrayNode calls = Json.array();
        for (ContentBlock b : m.content()) {
            if (b instanceof ContentBlock.ToolUse t) {
                ObjectNode call = calls.addObject().put("id", ChatRequestWriter.id(t.id())).put("type", "function");
                String raw = t.extras().hint(C, "arguments");
                call.putObject("function").put("name", t.name()).put("arguments", raw != null ? raw : Json.string(t.input()));
                t.extras().writeInto(C, call);
            } else if (b instanceof ContentBlock.Opaque o && o.type().startsWith("tool_call:")) {
                calls.add(o.extras().fields().deepCopy()); // a non-function tool call kept for Chat
            } else {
                content.add(b);
            }
        }
        if (content.isEmpty() && !calls.isEmpty() && !m.extras().from(C)) {
            msg.putNull("content"); // what OpenAI itself sends beside tool calls
        } else {
            ChatRequestParts.write(msg, content, m.extras());
        }
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
        m.extras().writeInto(C, msg);
    }
}
