package dev.lakegate.protocol.canonical;

/**
 * Why the model stopped, in the canonical model's terms. Each protocol package maps its own
 * finish/stop reason names to and from these; several vendor names may share one value.
 */
public enum StopReason {
    /** The model finished its turn (Anthropic end_turn, OpenAI stop, Gemini STOP). */
    END_TURN,
    /** The output token limit was reached. */
    MAX_TOKENS,
    /** A caller-supplied stop sequence was produced. */
    STOP_SEQUENCE,
    /** The model wants the client to run one or more tools. */
    TOOL_USE,
    /** A long-running server-side turn was paused and may be continued (Anthropic pause_turn). */
    PAUSE_TURN,
    /** The model declined to answer. */
    REFUSAL,
    /** Output was withheld by a safety or content filter. */
    CONTENT_FILTER,
    /** Generation ended abnormally for a reason the protocol has no better name for. */
    ERROR
}
