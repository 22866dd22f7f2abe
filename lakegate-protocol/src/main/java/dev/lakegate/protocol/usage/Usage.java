package dev.lakegate.protocol.usage;

/**
 * Token usage of one response, normalised across protocols.
 *
 * <p>{@code inputTokens} is the whole prompt, cached parts included: Anthropic reports cache reads
 * and writes beside {@code input_tokens}, OpenAI and Gemini inside it; both are normalised here so
 * that cached tokens are never counted twice. {@code outputTokens} includes reasoning tokens.
 *
 * @param estimated true when the upstream reported nothing and the counts were estimated
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens, long reasoningTokens, boolean estimated) {

    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, false);

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** The (characters + 1) / 4 estimate used when an upstream gives no counts. */
    public static long estimateTokens(long characters) {
        return (characters + 1) / 4;
    }
}
