package dev.lakegate.server.governance.limits;

import dev.lakegate.server.observe.GatewayMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admission step: checks a request against the {@link Requirement}s of its caller, and charges its
 * tokens once the answer's usage is known.
 *
 * <p>A request limit takes one request from the first of its buckets with room. A token limit only checks
 * that its bucket is not exhausted: what a request costs is known at its end, when {@link #charge} takes
 * it whatever is left, so a long answer is paid for in full and the bucket may go below zero. A request
 * refused by a later limit gets back what earlier ones took, so a refusal never uses up capacity.
 */
public final class RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    /** The outcome of admission. */
    public sealed interface Decision {
        /** @param tokenBuckets where the request's tokens are charged at its end */
        record Admitted(List<BucketSpec> tokenBuckets) implements Decision {}

        record Refused(Refusal refusal) implements Decision {}

        /** The store did not answer and {@link OnStoreFailure#REFUSE} is configured. */
        record Unavailable() implements Decision {}
    }

    private final BucketStore store;
    private final OnStoreFailure onStoreFailure;
    private final GatewayMetrics metrics;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public RateLimiter(BucketStore store, OnStoreFailure onStoreFailure, GatewayMetrics metrics) {
        this.store = store;
        this.onStoreFailure = onStoreFailure;
        this.metrics = metrics;
    }

    public Decision admit(List<Requirement> requirements) {
        List<BucketSpec> taken = new ArrayList<>(2);
        List<BucketSpec> tokenBuckets = new ArrayList<>(2);
        try {
            for (Requirement r : requirements) {
                BucketSpec chosen = null;
                BucketSpec soonest = null;
                BucketStore.Probe soonestProbe = null;
                for (BucketSpec b : r.anyOf()) {
                    BucketStore.Probe p = switch (r.dimension()) {
                        case REQUESTS -> store.take(b);
                        case TOKENS -> store.peek(b);
                    };
                    if (p.admitted()) {
                        chosen = b;
                        break;
                    }
                    if (soonestProbe == null || p.nanosToWait() < soonestProbe.nanosToWait()) {
                        soonest = b;
                        soonestProbe = p;
                    }
                }
                if (chosen == null) {
                    giveBack(taken);
                    return new Decision.Refused(new Refusal(r, soonest, Math.max(0, soonestProbe.remaining()),
                            wholeSeconds(soonestProbe.nanosToWait())));
                }
                switch (r.dimension()) {
                    case REQUESTS -> taken.add(chosen);
                    case TOKENS -> tokenBuckets.add(chosen);
                }
            }
            return new Decision.Admitted(tokenBuckets);
        } catch (BucketStoreException e) {
            storeFailed(e, onStoreFailure == OnStoreFailure.ADMIT ? "admitted" : "refused");
            try {
                giveBack(taken);
            } catch (BucketStoreException again) {
                // Redis is down: what was taken there stays taken until its window renews.
            }
            return switch (onStoreFailure) {
                case ADMIT -> new Decision.Admitted(List.of());
                case REFUSE -> new Decision.Unavailable();
            };
        }
    }

    /** Charges the tokens of a finished request (input + output, also of a cut stream) to the token buckets it was admitted by. */
    public void charge(Decision.Admitted admitted, long tokens) {
        if (tokens <= 0) {
            return;
        }
        for (BucketSpec b : admitted.tokenBuckets()) {
            try {
                store.charge(b, tokens);
            } catch (BucketStoreException e) {
                storeFailed(e, "uncharged");
            }
        }
    }

    private void giveBack(List<BucketSpec> taken) {
        for (BucketSpec b : taken) {
            store.giveBack(b, 1);
        }
    }

    private void storeFailed(BucketStoreException e, String outcome) {
        metrics.rateLimitStoreFailure(outcome);
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("rate limits not enforced as configured (requests {} meanwhile): {}", outcome, e.getMessage());
        }
    }

    /** Whole seconds, at least one, rounded up: agents honour {@code retry-after} as a floor, and 0 would mean "now". */
    static Duration wholeSeconds(long nanos) {
        return Duration.ofSeconds(Math.max(1, Math.ceilDiv(nanos, 1_000_000_000L)));
    }
}
