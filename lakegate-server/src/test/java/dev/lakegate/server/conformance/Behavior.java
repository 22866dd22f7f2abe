package dev.lakegate.server.conformance;

import dev.lakegate.protocol.WireProtocol;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a wire protocol can express, in the manner of Trino's {@code TestingConnectorBehavior}: the
 * kit's capability table. A case whose behaviour a pair lacks does not skip: it asserts the documented
 * fallback (the thinking text is absent, the stop sequence never reaches the upstream, the token count
 * reads 0). A pair has a behaviour only when both its client and its upstream protocol have it, since
 * what one side cannot say is lost on the way through the canonical model.
 */
enum Behavior {
    /** The answer can carry the model's thinking text: Anthropic thinking blocks, Responses reasoning summaries, Gemini thought parts; Chat has none. */
    THINKING_TEXT,
    /** A request can carry stop sequences: Anthropic stop_sequences, Chat stop, Gemini stopSequences; Responses has no such parameter. */
    STOP_SEQUENCES,
    /** The stop reason tells a stop sequence from a plain end of turn: only Anthropic (stop_sequence); the others say stop/completed/STOP. */
    STOP_SEQUENCE_REASON,
    /** Usage reports cache writes: only Anthropic (cache_creation_input_tokens). */
    CACHE_WRITE_TOKENS,
    /** Usage reports reasoning tokens apart from the rest of the output: OpenAI reasoning_tokens, Gemini thoughtsTokenCount; Anthropic folds them into output_tokens. */
    REASONING_TOKENS,
    /** A request can reference an image by URL: Anthropic url source, OpenAI image_url, Gemini fileData.fileUri. */
    IMAGE_URL,
    /** Tool calls and results carry ids that pair them. Gemini has none from the model: Gemini clients make their own, and a Gemini upstream pairs by function name. */
    TOOL_CALL_IDS;

    private static final Map<WireProtocol, Set<Behavior>> TABLE = Map.of(
            WireProtocol.ANTHROPIC, EnumSet.of(THINKING_TEXT, STOP_SEQUENCES, STOP_SEQUENCE_REASON, CACHE_WRITE_TOKENS, IMAGE_URL, TOOL_CALL_IDS),
            WireProtocol.OPENAI_CHAT, EnumSet.of(STOP_SEQUENCES, REASONING_TOKENS, IMAGE_URL, TOOL_CALL_IDS),
            WireProtocol.OPENAI_RESPONSES, EnumSet.of(THINKING_TEXT, REASONING_TOKENS, IMAGE_URL, TOOL_CALL_IDS),
            WireProtocol.GEMINI, EnumSet.of(THINKING_TEXT, STOP_SEQUENCES, REASONING_TOKENS, IMAGE_URL));

    boolean supportedBy(WireProtocol protocol) {
        return TABLE.get(protocol).contains(this);
    }
}
