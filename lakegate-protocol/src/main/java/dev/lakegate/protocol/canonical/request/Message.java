package dev.lakegate.protocol.canonical.request;

import dev.lakegate.protocol.canonical.ContentBlock;
import java.util.List;
import java.util.Objects;

/**
 * One turn of the conversation. Consecutive messages may share a role (a Responses input is a flat
 * list of items, each becoming one message); encoders merge them where their protocol needs it.
 */
public record Message(Role role, List<ContentBlock> content, Extras extras) {

    public enum Role {
        /**
         * An instruction inside the conversation: OpenAI {@code system}/{@code developer} messages,
         * Claude Code's mid-conversation {@code role: "system"}. Protocols with a single system slot
         * take the leading ones into it and turn later ones into a {@code <system-reminder>} user note.
         */
        SYSTEM,
        USER,
        ASSISTANT
    }

    public Message {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
        Objects.requireNonNull(extras, "extras");
    }

    public Message(Role role, List<ContentBlock> content) {
        this(role, content, Extras.NONE);
    }

    public Message withContent(List<ContentBlock> newContent) {
        return new Message(role, newContent, extras);
    }
}
