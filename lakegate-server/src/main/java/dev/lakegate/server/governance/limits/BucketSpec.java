package dev.lakegate.server.governance.limits;

import io.github.bucket4j.Bandwidth;

/**
 * One token bucket: where its state is kept and how much it holds per renewal period.
 *
 * @param key the store key: endpoint, subject kind and name, dimension, and a hash of the limit's
 *     definition, so a changed limit starts a fresh bucket instead of inheriting the old one's state
 * @param owner whose limit this is, for messages, e.g. {@code endpoint claude-opus} or {@code group eng on endpoint claude-opus}
 */
public record BucketSpec(String key, Dimension dimension, long limit, RateLimit.RenewalPeriod period, String owner) {

    /** E.g. {@code endpoint claude-opus: 60 requests per minute}, {@code user alice on endpoint e: 1 token per minute}. */
    public String describe() {
        String unit = limit == 1 ? dimension.id().substring(0, dimension.id().length() - 1) : dimension.id();
        return owner + ": " + limit + " " + unit + " per " + period.id();
    }

    /**
     * The whole limit at once, renewed whole once per period counted from the bucket's first use: a fixed
     * window. A continuous ("greedy") refill would let a fresh bucket admit its limit and then, over the same
     * minute, as much again as it refills, nearly twice the limit (docs/limits.md).
     */
    Bandwidth bandwidth() {
        return Bandwidth.builder().capacity(limit).refillIntervally(limit, period.length()).build();
    }
}
