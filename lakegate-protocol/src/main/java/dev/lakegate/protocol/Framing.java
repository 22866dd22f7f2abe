package dev.lakegate.protocol;

/** How a response body is framed on the wire. */
public enum Framing {
    /** One JSON document (unary responses). */
    JSON,
    /** Server-sent events (Anthropic, OpenAI, Gemini with {@code alt=sse}). */
    SSE,
    /** Gemini's streamGenerateContent without {@code alt=sse}: a JSON array written element by element. */
    JSON_ARRAY
}
