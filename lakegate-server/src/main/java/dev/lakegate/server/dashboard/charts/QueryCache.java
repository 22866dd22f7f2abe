package dev.lakegate.server.dashboard.charts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The dashboard's answers, per process: keyed by the statement's SHA-256, the reader's scope
 * ({@code admin} or the principal's name: what the row filter lets them see) and the versions of
 * the tables it reads, so a new commit changes the key and nothing stale is served beyond the
 * {@link TableVersions} memo. Single-flight: the charts of a page, or two tabs, asking the same
 * thing at once wait for one run. At most {@code capacity} entries (the oldest go first), each for
 * at most {@code ttl}; a failed run is not kept.
 */
public final class QueryCache<V> {
    /** @param versions {@link TableVersions} of the tables the statement reads */
    public record Key(String sqlHash, String scope, Map<String, String> versions) {
        public Key {
            versions = Map.copyOf(versions);
        }

        public static Key of(String sql, String scope, Map<String, String> versions) {
            return new Key(sha256(sql), scope, versions);
        }
    }

    /** An answer and whether it came from an earlier (or another request's) run. */
    public record Hit<V>(V value, boolean cached) {}

    private record Entry<V>(CompletableFuture<V> future, Instant created) {}

    private final ConcurrentHashMap<Key, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Duration ttl;
    private final Clock clock;

    public QueryCache(int capacity, Duration ttl, Clock clock) {
        this.capacity = capacity;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The answer for {@code key}: a live entry's, or {@code compute}'s, run on this thread (others asking meanwhile wait for it). */
    public Hit<V> get(Key key, Supplier<V> compute) {
        Instant now = clock.instant();
        CompletableFuture<V> mine = new CompletableFuture<>();
        Entry<V> entry = entries.compute(key, (k, old) ->
                old != null && (!old.future().isDone() || old.created().plus(ttl).isAfter(now)) ? old : new Entry<>(mine, now));
        if (entry.future() != mine) {
            try {
                return new Hit<>(entry.future().join(), true);
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            V value = compute.get();
            mine.complete(value);
            evictOverCapacity();
            return new Hit<>(value, false);
        } catch (RuntimeException | Error e) {
            entries.remove(key, entry);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    int size() {
        return entries.size();
    }

    private void evictOverCapacity() {
        while (entries.size() > capacity) {
            var oldest = entries.entrySet().stream().filter(e -> e.getValue().future().isDone())
                    .min(Comparator.comparing((Map.Entry<Key, Entry<V>> e) -> e.getValue().created()));
            if (oldest.isEmpty()) {
                return; // all running: they are evicted once done, by a later run
            }
            entries.remove(oldest.get().getKey(), oldest.get().getValue());
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
