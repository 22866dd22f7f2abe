package dev.lakegate.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.usage.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client got, in canonical terms: the facts the kit compares across pairs and between the unary
 * and streaming form of one case.
 *
 * @param text all text blocks, joined; null when there is none
 * @param thinking all thinking text, joined; null when there is none
 */
record Answer(String text, String thinking, List<Call> calls, StopReason stop, Usage usage) {

    /** @param id null in {@link #sansIds()}; ids are minted per answer, so two answers never share them */
    record Call(String id, String name, JsonNode arguments) {}

    static Answer of(CanonicalResponse r) {
        List<String> texts = new ArrayList<>();
        List<String> thoughts = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        for (ContentBlock b : r.content()) {
            switch (b) {
                case ContentBlock.Text t -> texts.add(t.text());
                case ContentBlock.Thinking t -> thoughts.add(t.text());
                case ContentBlock.ToolUse t -> calls.add(new Call(t.id(), t.name(), t.input()));
                default -> { } // redacted thinking and request-only blocks: nothing the kit scripts
            }
        }
        return new Answer(texts.isEmpty() ? null : String.join("", texts), thoughts.isEmpty() ? null : String.join("", thoughts),
                calls, r.stopReason(), r.usage());
    }

    Answer sansIds() {
        return new Answer(text, thinking, calls.stream().map(c -> new Call(null, c.name(), c.arguments())).toList(), stop, usage);
    }
}
