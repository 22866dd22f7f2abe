package dev.lakegate.server.config;

import dev.lakegate.server.governance.limits.OnStoreFailure;
import java.util.function.Function;

/**
 * Where rate-limit buckets live (the limits themselves are each endpoint's {@code rate_limits}). Without
 * Redis they are in the gateway's memory, right for one gateway; replicas that share limits point at one Redis.
 *
 * @param redis {@code redis://[:password@]host[:port][/db]} ({@code rediss://} for TLS), or null
 * @param redisEnv instead of {@code redis}: the environment variable holding that URL, so a password stays out of the file
 * @param redisTimeoutMs longest wait for Redis on a request before the failure policy applies
 * @param onRedisFailure {@code admit} (fail open, the default) or {@code refuse} (fail closed: 503)
 */
public record RateLimitingConfig(String redis, String redisEnv, Long redisTimeoutMs, OnStoreFailure onRedisFailure) {

    public RateLimitingConfig {
        redisTimeoutMs = redisTimeoutMs == null ? 250L : redisTimeoutMs;
        onRedisFailure = onRedisFailure == null ? OnStoreFailure.ADMIT : onRedisFailure;
        if (redis != null && redisEnv != null) {
            throw new IllegalArgumentException("rate_limiting: set redis or redis_env, not both");
        }
        if (redisTimeoutMs <= 0) {
            throw new IllegalArgumentException("rate_limiting.redis_timeout_ms must be positive");
        }
    }

    /** The Redis URL, or null for buckets in memory. */
    public String redisUrl(Function<String, String> env) {
        if (redisEnv == null) {
            return redis;
        }
        String url = env.apply(redisEnv);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("rate_limiting.redis_env names " + redisEnv + ", which is not set: export the Redis URL in it");
        }
        return url;
    }

    /** Without the password a Redis URL may carry. */
    @Override
    public String toString() {
        String shown = redis == null ? null : redis.replaceFirst("//[^/@]*@", "//***@");
        return "RateLimitingConfig[redis=" + shown + ", redisEnv=" + redisEnv + ", redisTimeoutMs=" + redisTimeoutMs
                + ", onRedisFailure=" + onRedisFailure + "]";
    }
}
