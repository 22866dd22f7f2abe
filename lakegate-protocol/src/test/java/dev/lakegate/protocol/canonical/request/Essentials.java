package dev.lakegate.protocol.canonical.request;

import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every protocol can carry of a request, flattened so that message boundaries, id spelling and
 * text joining do not matter: the conformance check of the cross-protocol tests compares these.
 *
 * @param instructions the system prompt plus in-conversation instructions, in order
 * @param dialogue user and assistant content in order: consecutive texts of one role joined, tool
 *     calls and results by tool name (so results must pair with their calls), images by source kind
 */
record Essentials(List<String> instructions, List<String> dialogue, List<String> tools, Integer maxTokens, Double temperature,
        String format) {

    static Essentials of(CanonicalRequest r) {
        List<String> instructions = new ArrayList<>();
        r.system().forEach(t -> instructions.add(t.text()));
        List<String> dialogue = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        String textRole = null;
        for (Message m : r.messages()) {
            if (m.role() == Message.Role.SYSTEM) {
                instructions.add(Conversation.text(m.content(), "\n\n"));
                continue;
            }
            for (ContentBlock b : m.content()) {
                String role = m.role().name();
                if (b instanceof ContentBlock.Text t) {
                    if (role.equals(textRole)) {
                        dialogue.set(dialogue.size() - 1, dialogue.getLast() + "\n\n" + t.text());
                    } else {
                        dialogue.add(role + ":" + t.text());
                    }
                    textRole = role;
                    continue;
                }
                String entry = switch (b) {
                    case ContentBlock.Image i -> "image:" + i.source().getClass().getSimpleName();
                    case ContentBlock.ToolUse t -> {
                        names.put(t.id(), t.name());
                        yield "call:" + t.name() + Json.string(t.input());
                    }
                    case ContentBlock.ToolResult t -> "result:" + names.get(t.toolUseId()) + ":" + Conversation.text(t.content(), "\n\n");
                    default -> null; // thinking and opaque blocks never cross protocols
                };
                if (entry != null) {
                    dialogue.add(role + ":" + entry);
                    textRole = null;
                }
            }
        }
        return new Essentials(instructions, dialogue, r.tools().stream().map(Tool::name).toList(), r.sampling().maxOutputTokens(),
                r.sampling().temperature(), r.outputFormat() == null ? null : r.outputFormat().getClass().getSimpleName());
    }
}
