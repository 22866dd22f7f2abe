package dev.lakegate.protocol.canonical.request;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.Message.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Conversation reshaping the request encoders share: what a target can carry, where instructions go, role merging. */
public final class Conversation {
    /** Claude Code's first system block: billing metadata for Anthropic, not an instruction to the model. */
    private static final String BILLING_HEADER = "x-anthropic-billing-header:";

    private Conversation() {}

    /**
     * The messages with only the blocks {@code target} can take: text, images, tool calls and results
     * always; thinking and opaque blocks only when they came from {@code target} (never re-signed or
     * faked), also inside tool results. Messages left empty are dropped.
     */
    public static List<Message> portable(List<Message> messages, WireProtocol target) {
        List<Message> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            List<ContentBlock> kept = portableBlocks(m.content(), target);
            if (!kept.isEmpty() || m.content().isEmpty() && m.extras().from(target)) {
                out.add(kept.equals(m.content()) ? m : m.withContent(kept));
            }
        }
        return out;
    }

    private static List<ContentBlock> portableBlocks(List<ContentBlock> blocks, WireProtocol target) {
        return blocks.stream().filter(b -> portable(b, target)).map(b -> b instanceof ContentBlock.ToolResult r
                ? new ContentBlock.ToolResult(r.toolUseId(), portableBlocks(r.content(), target), r.isError(), r.extras()) : b).toList();
    }

    static boolean portable(ContentBlock block, WireProtocol target) {
        return switch (block) {
            case ContentBlock.Text t -> true;
            case ContentBlock.Image i -> true;
            case ContentBlock.ToolUse t -> true;
            case ContentBlock.ToolResult r -> true;
            case ContentBlock.Thinking t -> t.extras().from(target);
            case ContentBlock.RedactedThinking r -> r.extras().from(target);
            case ContentBlock.Opaque o -> o.extras().from(target);
        };
    }

    /** The system prompt for {@code target}: Claude Code's billing block only goes back to Anthropic. */
    public static List<ContentBlock.Text> system(CanonicalRequest request, WireProtocol target) {
        if (target == WireProtocol.ANTHROPIC) {
            return request.system();
        }
        return request.system().stream().filter(t -> !t.text().startsWith(BILLING_HEADER)).toList();
    }

    /** System prompt and messages for a protocol with a single system slot (Anthropic, Gemini). */
    public record Split(List<ContentBlock.Text> system, List<Message> messages) {}

    /**
     * Leading SYSTEM messages join the system prompt (their text blocks); later ones become a user
     * {@code <system-reminder>} note, as Claude Code itself sends them to models without
     * mid-conversation system support. SYSTEM messages that came from {@code target} stay where they are.
     */
    public static Split hoistSystem(List<ContentBlock.Text> system, List<Message> messages, WireProtocol target) {
        List<ContentBlock.Text> instructions = new ArrayList<>(system);
        List<Message> rest = new ArrayList<>(messages.size());
        boolean leading = true;
        for (Message m : messages) {
            if (m.role() != Role.SYSTEM || m.extras().from(target)) {
                leading &= m.role() == Role.SYSTEM;
                rest.add(m);
            } else if (leading) {
                m.content().stream().filter(ContentBlock.Text.class::isInstance).map(ContentBlock.Text.class::cast).forEach(instructions::add);
            } else {
                rest.add(reminder(m));
            }
        }
        return new Split(instructions, rest);
    }

    private static Message reminder(Message m) {
        List<ContentBlock> note = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (ContentBlock b : m.content()) {
            if (b instanceof ContentBlock.Text t) {
                text.append(text.isEmpty() ? "" : "\n\n").append(t.text());
            } else {
                note.add(b);
            }
        }
        note.addFirst(new ContentBlock.Text("<system-reminder>\n" + text + "\n</system-reminder>"));
        return new Message(Role.USER, note);
    }

    /**
     * Consecutive USER or ASSISTANT messages merged into one, tool results first (Anthropic wants them
     * leading the user turn that answers a tool call; Gemini wants one response turn per call turn).
     * Two messages that both came from {@code target} are left as the client sent them.
     */
    public static List<Message> mergeSameRole(List<Message> messages, WireProtocol target) {
        List<Message> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            Message prev = out.isEmpty() ? null : out.getLast();
            if (prev != null && prev.role() == m.role() && m.role() != Role.SYSTEM
                    && !(prev.extras().from(target) && m.extras().from(target))) {
                List<ContentBlock> all = new ArrayList<>(prev.content());
                all.addAll(m.content());
                List<ContentBlock> ordered = new ArrayList<>(all.stream().filter(ContentBlock.ToolResult.class::isInstance).toList());
                all.stream().filter(b -> !(b instanceof ContentBlock.ToolResult)).forEach(ordered::add);
                out.set(out.size() - 1, new Message(m.role(), ordered, prev.extras().from(target) ? prev.extras() : m.extras()));
            } else {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Tool definitions in the order the client sent them: function and other tools are kept in two
     * lists, and a same-protocol encoder restores the interleaving (tool order is part of the cached
     * prompt prefix). Each entry pairs a tool's extras with its written node.
     */
    public static ArrayNode inOrder(List<Map.Entry<Extras, ObjectNode>> tools,
            WireProtocol target) {
        List<Map.Entry<Extras, ObjectNode>> sorted = new ArrayList<>(tools);
        sorted.sort(Comparator.comparingInt(e -> {
            String index = e.getKey().hint(target, "index");
            return index == null ? Integer.MAX_VALUE : Integer.parseInt(index);
        }));
        ArrayNode out = Json.array();
        sorted.forEach(e -> out.add(e.getValue()));
        return out;
    }

    /** Tool call id → tool name, for protocols whose tool results name the tool instead of the call (Gemini). */
    public static Map<String, String> toolNames(List<Message> messages) {
        Map<String, String> names = new HashMap<>();
        messages.forEach(m -> m.content().forEach(b -> {
            if (b instanceof ContentBlock.ToolUse t) {
                names.put(t.id(), t.name());
            }
        }));
        return names;
    }

    /** The text blocks of {@code blocks} joined by {@code separator}; other blocks are skipped. */
    public static String text(List<? extends ContentBlock> blocks, String separator) {
        StringBuilder s = new StringBuilder();
        for (ContentBlock b : blocks) {
            if (b instanceof ContentBlock.Text t) {
                s.append(s.isEmpty() ? "" : separator).append(t.text());
            }
        }
        return s.toString();
    }

    /**
     * The tool choice a target may send when only {@code available} tools survive: none at all without
     * tools (OpenAI rejects a choice without tools), none when it names a stripped tool.
     */
    public static ToolChoice toolChoice(ToolChoice choice, Set<String> available) {
        if (choice == null || available.isEmpty()) {
            return null;
        }
        return choice instanceof ToolChoice.Named n && !available.contains(n.name()) ? null : choice;
    }

    /**
     * The end-user id for OpenAI's {@code user} field: as is up to 64 characters, else its SHA-256 hex
     * (Claude Code sends a 150-character JSON string with its device id).
     */
    public static String shortUserId(String userId) {
        return userId == null || userId.length() <= 64 ? userId : ToolIds.sha256(userId);
    }
}
