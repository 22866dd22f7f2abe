package dev.lakegate.server.usage;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lakegate.protocol.usage.Usage;

/**
 * What a destination charges, in USD per million tokens (SPEC §2): {@code pricing:} on a destination,
 * else the built-in {@link PriceTable}. Cache prices left out cost as much as uncached input (no
 * discount, no premium), and 1-hour writes as 5-minute ones.
 *
 * @param cacheRead prompt tokens read from the cache
 * @param cacheWrite5m prompt tokens written to the cache for five minutes (Anthropic's default lifetime)
 * @param cacheWrite1h prompt tokens written to the cache for one hour
 */
public record Pricing(Double input, Double output, @JsonProperty("cache_read") Double cacheRead,
        @JsonProperty("cache_write_5m") Double cacheWrite5m, @JsonProperty("cache_write_1h") Double cacheWrite1h) {

    private static final double PER = 1_000_000.0;

    public Pricing {
        if (input == null || output == null) {
            throw new IllegalArgumentException("pricing needs at least input and output (USD per 1M tokens)");
        }
        cacheRead = cacheRead == null ? input : cacheRead;
        cacheWrite5m = cacheWrite5m == null ? input : cacheWrite5m;
        cacheWrite1h = cacheWrite1h == null ? cacheWrite5m : cacheWrite1h;
        for (double price : new double[] {input, output, cacheRead, cacheWrite5m, cacheWrite1h}) {
            if (!(price >= 0) || Double.isInfinite(price)) {
                throw new IllegalArgumentException("prices must be finite and not negative, got " + price);
            }
        }
    }

    /**
     * The cost of one request. Input tokens include the cached ones ({@link Usage}), so each prompt token is
     * priced once: as uncached input, a cache read, or a 5-minute or 1-hour cache write. Reasoning tokens are
     * part of the output.
     */
    public double cost(Usage usage) {
        long uncached = Math.max(0, usage.inputTokens() - usage.cacheReadTokens() - usage.cacheCreationTokens());
        return (uncached * input + usage.cacheReadTokens() * cacheRead + usage.cacheCreation5mTokens() * cacheWrite5m
                + usage.cacheCreation1hTokens() * cacheWrite1h + usage.outputTokens() * output) / PER;
    }
}
