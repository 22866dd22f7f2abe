package dev.lakegate.protocol.usage;

/**
 * Token usage of one response, normalised across protocols.
 *
 * <p>{@code inputTokens} is the whole prompt, cached parts included: Anthropic reports cache reads
 * and writes beside {@code input_tokens}, OpenAI and Gemini inside it; both are normalised here so
 * that cached tokens are never counted twice. {@code outputTokens} includes reasoning tokens.
 *
 * @param cacheCreationTokens prompt tokens written to the cache, whatever their lifetime
 * @param cacheCreation1hTokens the part of {@code cacheCreationTokens} written for one hour (Anthropic's
 *     {@code cache_creation.ephemeral_1h_input_tokens}, priced higher); the rest are 5-minute writes
 * @param estimated true when the upstream did not report the counts and they were estimated
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens, long cacheCreation1hTokens,
        long reasoningTokens, boolean estimated) {

    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, false);

    /** Usage whose cache writes, if any, are all 5-minute ones. */
    public Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens, long reasoningTokens, boolean estimated) {
        this(inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens, 0, reasoningTokens, estimated);
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Cache writes with the default five-minute lifetime. */
    public long cacheCreation5mTokens() {
        return Math.max(0, cacheCreationTokens - cacheCreation1hTokens);
    }

    /** The (characters + 1) / 4 estimate used when an upstream gives no counts. */
    public static long estimateTokens(long characters) {
        return (characters + 1) / 4;
    }

    /** Estimated usage of a prompt and an answer of these many characters. */
    public static Usage estimate(long promptCharacters, long answerCharacters) {
        return new Usage(estimateTokens(promptCharacters), estimateTokens(answerCharacters), 0, 0, 0, true);
    }
}
