package dev.lakegate.server.governance;

import dev.lakegate.server.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers when each token was last used and writes it to the store in batches, so that
 * authenticating a request costs one volatile write instead of a database update.
 */
final class LastUsedRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(LastUsedRecorder.class);
    /** Times within a second are one use: fewer writes to a shared cache line on the hot path. */
    private static final long GRANULARITY_MS = 1000;

    private final TokenStore store;
    private final Clock clock;
    private final long idleEvictMs;
    private final Map<String, Mark> marks = new ConcurrentHashMap<>();
    private final ReentrantLock flushing = new ReentrantLock();

    LastUsedRecorder(TokenStore store, Clock clock, Duration idleEvict) {
        this.store = store;
        this.clock = clock;
        this.idleEvictMs = idleEvict.toMillis();
    }

    /** The mark a cache entry keeps for its token; looked up when the entry is loaded, not per request. */
    Mark markFor(String tokenId) {
        return marks.computeIfAbsent(tokenId, Mark::new);
    }

    /** Writes every use not yet in the store, in one batch. Failures are retried on the next flush. */
    int flush() {
        flushing.lock();
        try {
            Map<String, Instant> batch = new HashMap<>();
            Map<Mark, Long> seen = new HashMap<>();
            for (Mark mark : marks.values()) {
                long used = mark.lastUsed;
                if (used > mark.flushed) {
                    batch.put(mark.tokenId, Instant.ofEpochMilli(used));
                    seen.put(mark, used);
                }
            }
            try {
                store.recordLastUsed(batch);
            } catch (RuntimeException e) {
                LOG.warn("could not record last-used times of {} tokens (will retry): {}", batch.size(), e.toString());
                return 0;
            }
            seen.forEach((mark, used) -> mark.flushed = used);
            evictIdle();
            return batch.size();
        } finally {
            flushing.unlock();
        }
    }

    /**
     * Drops marks that are written and idle for longer than any cache entry lives: an entry that
     * still held such a mark has expired, and its reload takes a fresh one.
     */
    private void evictIdle() {
        long cutoff = clock.millis() - idleEvictMs;
        marks.values().removeIf(m -> m.flushed == m.lastUsed && m.lastUsed < cutoff);
    }

    int size() {
        return marks.size();
    }

    static final class Mark {
        final String tokenId;
        volatile long lastUsed;
        long flushed; // guarded by the flushing lock

        Mark(String tokenId) {
            this.tokenId = tokenId;
        }

        void touch(long nowMs) {
            if (nowMs - lastUsed >= GRANULARITY_MS) {
                lastUsed = nowMs;
            }
        }
    }
}
