package dev.lakegate.server.governance.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.util.function.Function;

/** The bucket operations on Bucket4j buckets, wherever the store keeps them. */
abstract sealed class Bucket4jStore implements BucketStore permits LocalBucketStore, RedisBucketStore {

    /** Runs {@code op} on the bucket of {@code spec}, creating it full if it does not exist. */
    abstract <T> T on(BucketSpec spec, Function<Bucket, T> op);

    @Override
    public final Probe take(BucketSpec bucket) {
        return on(bucket, b -> {
            ConsumptionProbe p = b.tryConsumeAndReturnRemaining(1);
            return new Probe(p.isConsumed(), p.getRemainingTokens(), p.getNanosToWaitForRefill());
        });
    }

    @Override
    public final Probe peek(BucketSpec bucket) {
        return on(bucket, b -> {
            EstimationProbe p = b.estimateAbilityToConsume(1);
            return new Probe(p.canBeConsumed(), p.getRemainingTokens(), p.getNanosToWaitForRefill());
        });
    }

    @Override
    public final void giveBack(BucketSpec bucket, long units) {
        on(bucket, b -> {
            b.addTokens(units);
            return null;
        });
    }

    @Override
    public final void charge(BucketSpec bucket, long units) {
        on(bucket, b -> b.consumeIgnoringRateLimits(units));
    }
}
