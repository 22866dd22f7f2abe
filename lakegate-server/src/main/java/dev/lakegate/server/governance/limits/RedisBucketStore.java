package dev.lakegate.server.governance.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Buckets in Redis, shared by every gateway that points at the same server: Bucket4j's compare-and-swap
 * proxy over Lettuce (a read, then a conditional write by script; a lost race retries). Each key expires
 * once its bucket would be full again, so Redis holds only the buckets in use.
 *
 * <p>Nothing waits for Redis longer than {@code timeout}: commands time out, commands are refused at once
 * while the connection is down (Lettuce reconnects in the background), and a gateway that starts while Redis
 * is unreachable connects later, trying at most once per {@link #RECONNECT_EVERY}. Every failure is a
 * {@link BucketStoreException}, which the {@link RateLimiter} turns into admit-or-refuse by configuration.
 * Bucket windows follow the gateways' clocks, so replicas need synchronised clocks (NTP).
 */
public final class RedisBucketStore extends Bucket4jStore {
    private static final Duration RECONNECT_EVERY = Duration.ofSeconds(1);
    /** Redis keeps a key this long past the moment its bucket is full again. */
    private static final Duration KEEP_FULL_BUCKET = Duration.ofSeconds(10);
    private static final ReentrantLock[] STRIPES = new ReentrantLock[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new ReentrantLock();
        }
    }

    private final RedisClient client;
    private final String where;
    private final Duration timeout;
    private final TimeMeter clock;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile Connected connected;
    private volatile long nextAttemptNanos;
    private volatile String lastFailure = "not connected yet";

    private record Connected(StatefulRedisConnection<String, byte[]> connection, ProxyManager<String> proxies) {}

    private RedisBucketStore(RedisURI uri, Duration timeout, TimeMeter clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.nextAttemptNanos = System.nanoTime();
        this.where = uri.getHost() + ":" + uri.getPort(); // never the URI itself: it may carry a password
        uri.setTimeout(timeout);
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
    }

    /**
     * A store on the Redis server at {@code url} ({@code redis://[:password@]host[:port][/db]}, or {@code rediss://} for TLS).
     * Connects now if it can; if it cannot, requests meet the failure policy until it can.
     *
     * @throws IllegalArgumentException when the URL is not a Redis URL
     */
    public static RedisBucketStore open(String url, Duration timeout) {
        return open(url, timeout, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** @param clock the time buckets run on (tests move it by hand) */
    static RedisBucketStore open(String url, Duration timeout, TimeMeter clock) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Redis URL (expected redis://host:port): " + e.getMessage(), e);
        }
        RedisBucketStore store = new RedisBucketStore(uri, timeout, clock);
        try {
            store.proxies();
        } catch (BucketStoreException e) {
            // Started before Redis, or Redis is down: the first requests apply the failure policy; a later one connects.
        }
        return store;
    }

    @Override
    public void close() {
        Connected c = connected;
        if (c != null) {
            c.connection().close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Override
    <T> T on(BucketSpec spec, Function<Bucket, T> op) {
        ProxyManager<String> proxies = proxies();
        // One operation per key at a time from this gateway: concurrent compare-and-swaps on a busy key (an
        // endpoint ceiling) would mostly lose and retry until the timeout, and a timed-out check is admitted.
        ReentrantLock lock = STRIPES[Math.floorMod(spec.key().hashCode(), STRIPES.length)];
        try {
            if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new BucketStoreException("Redis at " + where + " did not answer within " + timeout.toMillis()
                        + " ms: the checks of this bucket are queued behind each other", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BucketStoreException("interrupted while waiting for bucket " + spec.key(), e);
        }
        try {
            return op.apply(proxies.getProxy(spec.key(), () -> BucketConfiguration.builder().addLimit(spec.bandwidth()).build()));
        } catch (RuntimeException e) {
            throw new BucketStoreException("Redis at " + where + " did not answer: " + e, e);
        } finally {
            lock.unlock();
        }
    }

    private ProxyManager<String> proxies() {
        Connected c = connected;
        return c != null ? c.proxies() : connect();
    }

    /** Connects once, on one request's thread; the others fail fast meanwhile rather than queue behind it. */
    private ProxyManager<String> connect() {
        if (System.nanoTime() - nextAttemptNanos < 0 || !connecting.tryLock()) {
            throw new BucketStoreException("Redis at " + where + " is not connected: " + lastFailure, null);
        }
        try {
            Connected c = connected;
            if (c != null) {
                return c.proxies();
            }
            StatefulRedisConnection<String, byte[]> connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            ProxyManager<String> proxies = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKET))
                    .requestTimeout(timeout)
                    .clientClock(clock)
                    .build();
            connected = new Connected(connection, proxies);
            return proxies;
        } catch (RuntimeException e) {
            lastFailure = e.toString();
            nextAttemptNanos = System.nanoTime() + RECONNECT_EVERY.toNanos();
            throw new BucketStoreException("Redis at " + where + " is not reachable: " + e, e);
        } finally {
            connecting.unlock();
        }
    }
}
