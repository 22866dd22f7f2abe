package dev.lakegate.server.governance.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Buckets in this process (Bucket4j local, lock-free): one gateway's limits, or tests. Memory stays
 * bounded by the subjects active lately: every period a sweep drops the buckets that are full again,
 * which a fresh bucket would replace exactly (buckets in debt stay until they are repaid).
 */
public final class LocalBucketStore extends Bucket4jStore {
    private final ConcurrentHashMap<String, Held> buckets = new ConcurrentHashMap<>();
    private final TimeMeter clock;
    private final ScheduledExecutorService sweeper;

    /** A store on the system clock that sweeps itself every {@code sweepEvery}. */
    public LocalBucketStore(Duration sweepEvery) {
        this(TimeMeter.SYSTEM_NANOTIME, Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("lakegate-ratelimit-sweep").daemon().unstarted(r)));
        sweeper.scheduleWithFixedDelay(this::sweep, sweepEvery.toMillis(), sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A store on the given clock that sweeps only when told to (tests). */
    LocalBucketStore(TimeMeter clock) {
        this(clock, null);
    }

    private LocalBucketStore(TimeMeter clock, ScheduledExecutorService sweeper) {
        this.clock = clock;
        this.sweeper = sweeper;
    }

    /** Drops the buckets nobody is using that are full. */
    void sweep() {
        buckets.forEach((key, held) -> {
            if (held.retireIfFull()) {
                buckets.remove(key, held);
            }
        });
    }

    /** Buckets held now (tests). */
    int size() {
        return buckets.size();
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    @Override
    <T> T on(BucketSpec spec, Function<Bucket, T> op) {
        while (true) {
            Held held = buckets.computeIfAbsent(spec.key(), k -> new Held(Bucket.builder().addLimit(spec.bandwidth())
                    .withCustomTimePrecision(clock).build(), spec.limit()));
            if (held.enter()) {
                try {
                    return op.apply(held.bucket);
                } finally {
                    held.exit();
                }
            }
            Thread.onSpinWait(); // the sweep is checking this bucket: it is dropped or handed back within nanoseconds
        }
    }

    /**
     * A bucket and the operations running on it, so that the sweep never drops a bucket an operation
     * is changing: the count is -1 while the sweep checks it, and operations wait for it to settle.
     */
    private static final class Held {
        final Bucket bucket;
        final long limit;
        final AtomicInteger users = new AtomicInteger();

        Held(Bucket bucket, long limit) {
            this.bucket = bucket;
            this.limit = limit;
        }

        boolean enter() {
            while (true) {
                int n = users.get();
                if (n < 0) {
                    return false;
                }
                if (users.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void exit() {
            users.decrementAndGet();
        }

        /** True, and closed for good, when nobody uses it and it is full; else left as it was. */
        boolean retireIfFull() {
            if (!users.compareAndSet(0, -1)) {
                return false;
            }
            if (bucket.getAvailableTokens() >= limit) {
                return true;
            }
            users.set(0);
            return false;
        }
    }
}
