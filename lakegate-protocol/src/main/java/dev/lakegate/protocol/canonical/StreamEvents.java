package dev.lakegate.protocol.canonical;

import dev.lakegate.protocol.usage.Usage;
import java.util.ArrayList;
import java.util.List;

/** Turns a complete answer into the stream that would have produced it (scripted models, conformance tests). */
public final class StreamEvents {
    private StreamEvents() {}

    /**
     * The events of {@code response}, each text, thinking and argument string cut into at most
     * {@code pieces} deltas, so streaming and unary answers agree by construction.
     */
    public static List<StreamEvent> from(CanonicalResponse response, int pieces) {
        List<StreamEvent> events = new ArrayList<>();
        events.add(new StreamEvent.Start(response.id(), response.model(), promptPart(response.usage())));
        for (ContentBlock block : response.content()) {
            switch (block) {
                case ContentBlock.Text t -> split(t.text(), pieces).forEach(s -> events.add(new StreamEvent.TextDelta(s)));
                case ContentBlock.Thinking t -> {
                    split(t.text(), pieces).forEach(s -> events.add(new StreamEvent.ThinkingDelta(s)));
                    if (t.signature() != null) {
                        events.add(new StreamEvent.ThinkingSignature(t.signature()));
                    }
                }
                case ContentBlock.ToolUse t -> {
                    events.add(new StreamEvent.ToolCallStart(t.id(), t.name()));
                    split(Json.string(t.input()), pieces).forEach(s -> events.add(new StreamEvent.ToolCallDelta(s)));
                }
                // no stream event carries redacted reasoning; the rest only occur in requests
                case ContentBlock.RedactedThinking ignored -> { }
                case ContentBlock.Image ignored -> { }
                case ContentBlock.ToolResult ignored -> { }
                case ContentBlock.Opaque ignored -> { }
            }
        }
        events.add(new StreamEvent.Finish(response.stopReason(), response.usage()));
        return events;
    }

    /** The part of the usage known before any output: the prompt. */
    public static Usage promptPart(Usage usage) {
        return new Usage(usage.inputTokens(), 0, usage.cacheReadTokens(), usage.cacheCreationTokens(), usage.cacheCreation1hTokens(), 0,
                usage.estimated());
    }

    /** Characters of generated text an event carries (answer, reasoning, tool name and arguments), for token estimates. */
    public static long characters(StreamEvent event) {
        return switch (event) {
            case StreamEvent.TextDelta d -> d.text().length();
            case StreamEvent.ThinkingDelta d -> d.text().length();
            case StreamEvent.ToolCallStart s -> s.name().length();
            case StreamEvent.ToolCallDelta d -> d.argumentsJson().length();
            case StreamEvent.Start s -> 0;
            case StreamEvent.ThinkingSignature s -> 0;
            case StreamEvent.Finish f -> 0;
        };
    }

    /** The same count for a whole answer: what its stream's events carry. */
    public static long characters(CanonicalResponse response) {
        return from(response, 1).stream().mapToLong(StreamEvents::characters).sum();
    }

    /** Cuts {@code text} into at most {@code pieces} non-empty parts of similar length, never inside a surrogate pair. */
    static List<String> split(String text, int pieces) {
        if (text.isEmpty() || pieces <= 1) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>(pieces);
        int size = Math.max(1, (text.length() + pieces - 1) / pieces);
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            parts.add(text.substring(start, end));
            start = end;
        }
        return parts;
    }
}
