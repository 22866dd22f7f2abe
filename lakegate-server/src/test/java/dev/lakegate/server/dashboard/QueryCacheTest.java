package dev.lakegate.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.server.dashboard.charts.QueryCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueryCacheTest {
    final DataApiTest.MovingClock clock = new DataApiTest.MovingClock(Instant.parse("2026-11-28T00:00:00Z"));
    final QueryCache<String> cache = new QueryCache<>(2, Duration.ofMinutes(10), clock);
    final AtomicInteger runs = new AtomicInteger();

    @Test
    void theKeyIsTheStatementTheReadersScopeAndTheTableVersions() {
        QueryCache.Key key = QueryCache.Key.of("SELECT 1", "admin", Map.of("t", "loc@1"));
        assertThat(cache.get(key, this::run)).isEqualTo(new QueryCache.Hit<>("run 1", false));
        assertThat(cache.get(QueryCache.Key.of("SELECT 1", "admin", Map.of("t", "loc@1")), this::run)).isEqualTo(new QueryCache.Hit<>("run 1", true));
        assertThat(cache.get(QueryCache.Key.of("SELECT 1", "user:bob", Map.of("t", "loc@1")), this::run).cached()).as("scope").isFalse();
        assertThat(cache.get(QueryCache.Key.of("SELECT 1", "admin", Map.of("t", "loc@2")), this::run).cached()).as("a new commit").isFalse();
        assertThat(cache.get(QueryCache.Key.of("SELECT 2", "admin", Map.of("t", "loc@2")), this::run).cached()).as("statement").isFalse();
        assertThat(runs).hasValue(4);
    }

    @Test
    void entriesExpireAndTheOldestGoFirst() {
        QueryCache.Key a = QueryCache.Key.of("a", "admin", Map.of());
        cache.get(a, this::run);
        clock.advance(Duration.ofMinutes(10));
        assertThat(cache.get(a, this::run)).as("ttl").isEqualTo(new QueryCache.Hit<>("run 2", false));
        clock.advance(Duration.ofSeconds(1));
        cache.get(QueryCache.Key.of("b", "admin", Map.of()), this::run);
        clock.advance(Duration.ofSeconds(1));
        cache.get(QueryCache.Key.of("c", "admin", Map.of()), this::run);
        assertThat(cache.get(a, this::run).cached()).as("evicted, capacity 2").isFalse();
        assertThat(cache.get(QueryCache.Key.of("c", "admin", Map.of()), this::run).cached()).isTrue();
    }

    @Test
    void failuresAreNotKept() {
        QueryCache.Key key = QueryCache.Key.of("bad", "admin", Map.of());
        assertThatThrownBy(() -> cache.get(key, () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(cache.get(key, this::run).cached()).isFalse();
    }

    @Test
    void concurrentAsksShareOneRun() throws Exception {
        QueryCache.Key key = QueryCache.Key.of("slow", "admin", Map.of());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<QueryCache.Hit<String>> first = pool.submit(() -> cache.get(key, () -> {
                started.countDown();
                await(release);
                return run();
            }));
            started.await();
            Future<QueryCache.Hit<String>> second = pool.submit(() -> cache.get(key, this::run));
            Thread.sleep(50);
            assertThat(second.isDone()).isFalse();
            release.countDown();
            assertThat(first.get()).isEqualTo(new QueryCache.Hit<>("run 1", false));
            assertThat(second.get()).isEqualTo(new QueryCache.Hit<>("run 1", true));
        }
        assertThat(runs).hasValue(1);
    }

    private String run() {
        return "run " + runs.incrementAndGet();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
