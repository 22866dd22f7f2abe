package dev.lakegate.server.governance.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalBucketStoreTest {
    private static BucketSpec spec(String key, Dimension d, long limit) {
        return new BucketSpec(key, d, limit, RateLimit.RenewalPeriod.MINUTE, "test " + key);
    }

    @Test
    void theSweepForgetsFullBucketsOnlySoMemoryFollowsTheActiveSubjects() {
        FakeTime time = new FakeTime();
        try (LocalBucketStore store = new LocalBucketStore(time)) {
            BucketSpec used = spec("used", Dimension.REQUESTS, 2);
            BucketSpec peeked = spec("peeked", Dimension.TOKENS, 10);
            BucketSpec debt = spec("debt", Dimension.TOKENS, 10);
            store.take(used);
            store.peek(peeked);
            store.charge(debt, 15);
            store.sweep();
            assertThat(store.size()).as("the full 'peeked' bucket goes; a fresh one is the same").isEqualTo(2);
            time.advance(Duration.ofMinutes(1));
            store.sweep();
            assertThat(store.size()).as("'used' renewed; 'debt' is back to 5 of 10 only").isEqualTo(1);
            time.advance(Duration.ofMinutes(1));
            store.sweep();
            assertThat(store.size()).isZero();
            assertThat(store.take(used).remaining()).isEqualTo(1);
        }
    }

    @Test
    void noTakeOrGiveBackIsLostWhileTheSweepDropsFullBuckets() throws Exception {
        FakeTime time = new FakeTime();
        try (LocalBucketStore store = new LocalBucketStore(time); ExecutorService threads = Executors.newFixedThreadPool(4)) {
            BucketSpec bucket = spec("hot", Dimension.REQUESTS, 1000);
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(4);
            for (int t = 0; t < 4; t++) {
                threads.submit(() -> {
                    // Take and give back: the bucket is full again between rounds, so the sweep may drop it at any moment.
                    for (int i = 0; i < 2000; i++) {
                        if (!store.take(bucket).admitted()) {
                            refused.incrementAndGet();
                        }
                        store.giveBack(bucket, 1);
                    }
                    for (int i = 0; i < 100; i++) {
                        store.take(bucket);
                    }
                    done.countDown();
                });
            }
            while (done.getCount() > 0) {
                store.sweep();
            }
            assertThat(refused.get()).isZero();
            assertThat(store.peek(bucket).remaining()).as("a lost give-back would leave less, a lost take more").isEqualTo(600);
        }
    }
}
