package dev.lakegate.server.governance.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.observe.GatewayMetrics;
import dev.lakegate.server.testing.RedisServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Redis store against a real redis-server: the same semantics as in memory, expiring keys, and Redis going away. */
class RedisBucketStoreTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyRedis() throws Exception {
        redis.command("FLUSHALL");
    }

    static Stream<Arguments> rows() {
        return RateLimitSemanticsTest.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyRuleHoldsWithBucketsInRedis(String rule, String limits, List<String> steps) {
        FakeTime time = new FakeTime();
        try (RedisBucketStore store = RedisBucketStore.open(redis.url(), TIMEOUT, time)) {
            RateLimitSemanticsTest.run(store, time, limits, steps);
        }
    }

    @Test
    void keysExpireOnceTheirBucketIsFullAgain() throws Exception {
        try (RedisBucketStore store = RedisBucketStore.open(redis.url(), TIMEOUT)) {
            RateLimitPolicy policy = RateLimitSemanticsTest.compile("[{key: endpoint, calls: 5}]");
            String key = policy.requirements("alice", PrincipalType.USER, Set.of()).getFirst().anyOf().getFirst().key();
            assertThat(new RateLimiter(store, OnStoreFailure.ADMIT, new GatewayMetrics(java.util.Optional::of))
                    .admit(policy.requirements("alice", PrincipalType.USER, Set.of()))).isInstanceOf(RateLimiter.Decision.Admitted.class);
            assertThat(redis.command("EXISTS", key)).isEqualTo(":1\r\n");
            long ttlMs = Long.parseLong(redis.command("PTTL", key).substring(1).trim());
            assertThat(ttlMs).as("the rest of the minute plus a margin").isBetween(55_000L, 75_000L);
        }
    }

    @Test
    void aStoreStartedBeforeRedisConnectsOnceItIsThere() throws Exception {
        redis.stop();
        try (RedisBucketStore store = RedisBucketStore.open(redis.url(), TIMEOUT)) {
            BucketSpec bucket = new BucketSpec("lakegate:rl:test", Dimension.REQUESTS, 3, RateLimit.RenewalPeriod.MINUTE, "test");
            assertThatThrownBy(() -> store.take(bucket)).isInstanceOf(BucketStoreException.class)
                    .hasMessageContaining("127.0.0.1:" + redis.port());
            redis.restart();
            assertThat(eventually(() -> store.take(bucket).remaining())).isEqualTo(2);
        } finally {
            if (!isUp()) {
                redis.restart();
            }
        }
    }

    @Test
    void redisGoingAwayFailsFastAndComingBackIsPickedUp() throws Exception {
        try (RedisBucketStore store = RedisBucketStore.open(redis.url(), TIMEOUT)) {
            BucketSpec bucket = new BucketSpec("lakegate:rl:test", Dimension.REQUESTS, 3, RateLimit.RenewalPeriod.MINUTE, "test");
            assertThat(store.take(bucket).remaining()).isEqualTo(2);
            redis.stop();
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.take(bucket)).isInstanceOf(BucketStoreException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusMillis(500));
            redis.restart(); // empty: the bucket starts afresh
            assertThat(eventually(() -> store.take(bucket).remaining())).isEqualTo(2);
        }
    }

    private interface Attempt {
        long run();
    }

    /** Lettuce reconnects in the background: retry for a few seconds. */
    private static long eventually(Attempt attempt) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return attempt.run();
            } catch (BucketStoreException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean isUp() {
        try {
            return redis.command("PING").startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
