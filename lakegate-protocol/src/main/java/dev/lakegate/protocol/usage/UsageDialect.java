package dev.lakegate.protocol.usage;

import dev.lakegate.protocol.WireProtocol;
import java.util.Map;
import java.util.Set;

/**
 * Where each protocol reports token usage and how its counts map onto {@link Usage}. Field names of a
 * usage object are flattened one level deep ({@code prompt_tokens_details.cached_tokens}).
 */
enum UsageDialect {
    /**
     * {@code message_start.message.usage}, then {@code message_delta.usage}; cache tokens sit beside input_tokens, and
     * {@code cache_creation} splits the writes by lifetime (5 minutes, 1 hour).
     */
    ANTHROPIC("usage", Set.of("message"), Set.of("message_start", "message_delta"), true,
            Set.of("text", "thinking", "partial_json"), Set.of("text", "thinking")) {
        @Override
        Usage normalise(Map<String, Long> c) {
            long cacheRead = get(c, "cache_read_input_tokens");
            long write1h = get(c, "cache_creation.ephemeral_1h_input_tokens");
            long cacheWrite = Math.max(get(c, "cache_creation_input_tokens"), add(get(c, "cache_creation.ephemeral_5m_input_tokens"), write1h));
            long input = add(add(get(c, "input_tokens"), cacheRead), cacheWrite);
            return new Usage(input, get(c, "output_tokens"), cacheRead, cacheWrite, write1h, 0, false);
        }
    },
    /** {@code usage} of the last chunk or the body; prompt includes cached, completion includes reasoning. */
    OPENAI_CHAT("usage", Set.of(), Set.of(), false, Set.of("content", "reasoning_content", "refusal", "arguments"),
            Set.of("content", "reasoning_content", "refusal", "arguments")) {
        @Override
        Usage normalise(Map<String, Long> c) {
            return new Usage(get(c, "prompt_tokens"), get(c, "completion_tokens"), get(c, "prompt_tokens_details.cached_tokens"), 0,
                    get(c, "completion_tokens_details.reasoning_tokens"), false);
        }
    },
    /** {@code response.usage} of the terminal event, or the body's {@code usage}. */
    OPENAI_RESPONSES("usage", Set.of("response"), Set.of("response.completed", "response.incomplete", "response.failed"), false,
            Set.of("delta"), Set.of("text", "arguments")) {
        @Override
        Usage normalise(Map<String, Long> c) {
            return new Usage(get(c, "input_tokens"), get(c, "output_tokens"), get(c, "input_tokens_details.cached_tokens"), 0,
                    get(c, "output_tokens_details.reasoning_tokens"), false);
        }
    },
    /** {@code usageMetadata}, cumulative per chunk; thoughts are not part of candidatesTokenCount. */
    GEMINI("usageMetadata", Set.of(), Set.of(), false, Set.of("text"), Set.of("text")) {
        @Override
        Usage normalise(Map<String, Long> c) {
            long thoughts = get(c, "thoughtsTokenCount");
            long input = add(get(c, "promptTokenCount"), get(c, "toolUsePromptTokenCount"));
            return new Usage(input, add(get(c, "candidatesTokenCount"), thoughts), get(c, "cachedContentTokenCount"), 0, thoughts, false);
        }
    };

    private final String key;
    private final Set<String> containers;
    private final Set<String> usageEvents;
    private final boolean mergesFields;
    private final Set<String> streamTextKeys;
    private final Set<String> bodyTextKeys;

    UsageDialect(String key, Set<String> containers, Set<String> usageEvents, boolean mergesFields, Set<String> streamTextKeys,
            Set<String> bodyTextKeys) {
        this.key = key;
        this.containers = containers;
        this.usageEvents = usageEvents;
        this.mergesFields = mergesFields;
        this.streamTextKeys = streamTextKeys;
        this.bodyTextKeys = bodyTextKeys;
    }

    static UsageDialect of(WireProtocol protocol) {
        return switch (protocol) {
            case ANTHROPIC -> ANTHROPIC;
            case OPENAI_CHAT -> OPENAI_CHAT;
            case OPENAI_RESPONSES -> OPENAI_RESPONSES;
            case GEMINI -> GEMINI;
        };
    }

    /** The field that holds the usage object. */
    String key() {
        return key;
    }

    /** Top-level fields whose object may hold the usage object instead of the document itself. */
    Set<String> containers() {
        return containers;
    }

    /**
     * True when later reports update single fields (Anthropic's message_delta carries only some counts);
     * false when each report is complete and replaces the previous one (cumulative chunks).
     */
    boolean mergesFields() {
        return mergesFields;
    }

    /** Whether an SSE event of this name can carry usage; unnamed events always can. */
    boolean mayCarryUsage(String eventName) {
        return eventName == null || usageEvents.isEmpty() || usageEvents.contains(eventName);
    }

    /**
     * The fields whose string values are generated text (answer, reasoning, tool arguments) in a stream's
     * events or in a whole body: only deltas in a stream, where Responses also repeats the whole text in
     * its {@code .done} and {@code response.completed} events.
     */
    Set<String> textKeys(boolean stream) {
        return stream ? streamTextKeys : bodyTextKeys;
    }

    abstract Usage normalise(Map<String, Long> counts);

    private static long get(Map<String, Long> counts, String field) {
        Long v = counts.get(field);
        return v == null ? 0 : v;
    }

    /** Saturating: hostile counts must not wrap around to negative totals. */
    static long add(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
