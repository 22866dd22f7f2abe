package dev.lakegate.protocol.usage;

/**
 * Reads token usage from a response body as its bytes pass through, without holding the stream
 * back. Fed chunk by chunk in wire order; {@link #finish()} returns what was seen.
 * Implementations bound their memory whatever the upstream sends.
 */
public interface UsageTap {

    void onBytes(byte[] bytes, int offset, int length);

    /** The usage reported by the upstream, or {@link Usage#NONE} with estimated=false if none was seen. Idempotent. */
    Usage finish();

    /**
     * Characters of generated text seen so far (answer text, reasoning, tool-call arguments), to estimate
     * the output tokens when the upstream reports none.
     */
    long answerCharacters();

    /**
     * Complete stream events seen so far (SSE events), so an error appended to a broken stream can
     * continue its numbering (OpenAI Responses' {@code sequence_number}); 0 for other framings.
     */
    default long eventsSeen() {
        return 0;
    }

    /**
     * After {@link #finish()}: the body was not one well-formed JSON document (a JSON body or streamed array that
     * is broken or cut short), so the agent should get an error instead; false for SSE, whose events pass as they are.
     */
    default boolean malformed() {
        return false;
    }
}
