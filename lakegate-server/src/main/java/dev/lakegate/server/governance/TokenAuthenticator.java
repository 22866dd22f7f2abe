package dev.lakegate.server.governance;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.store.Credential;
import dev.lakegate.server.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates secrets from an in-memory cache keyed by the secret's SHA-256. A miss reads the
 * store once (concurrent misses for the same secret share that read); answers, negative ones too,
 * live for a short TTL. Revocations and principal changes made through this process invalidate at
 * once; those of other gateway processes when the change feed reports them, at the latest after the TTL.
 * A cached caller carries its groups, so membership changes invalidate too.
 */
public final class TokenAuthenticator implements Authenticator, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticator.class);
    /** Longer input is not a token; refusing it early avoids hashing arbitrary amounts of data. */
    static final int MAX_SECRET_LENGTH = 512;
    private static final long UNKNOWN = Long.MIN_VALUE;
    /** Cache keys of lookups by token id; never a secret's hash, which is hex. */
    private static final String BY_ID = "id:";

    /**
     * @param ttl how long an answer is trusted; bounds how late a revocation elsewhere is seen
     * @param negativeTtl how long "unknown token" is remembered
     * @param flushInterval how often last-used times are written; zero: only by {@link #flushLastUsed()} and on close
     * @param maxEntries cache bound; unknown secrets stop being cached beyond it
     */
    public record Settings(Duration ttl, Duration negativeTtl, Duration flushInterval, int maxEntries) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), 100_000);
        }
    }

    /** A cached answer; rejected known tokens keep their ids so that invalidation finds them too. */
    private record Entry(Optional<Caller> caller, String tokenId, long principalId, long tokenExpiresAt, long validUntil,
            LastUsedRecorder.Mark mark) {}

    private final TokenStore store;
    private final Clock clock;
    private final Settings settings;
    private final LastUsedRecorder lastUsed;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Entry>> loading = new ConcurrentHashMap<>();
    /** Bumped by every invalidation; a load that raced with one answers but is not cached. */
    private final AtomicLong generation = new AtomicLong();
    private final ScheduledExecutorService flusher;

    public TokenAuthenticator(TokenStore store, Clock clock, Settings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.lastUsed = new LastUsedRecorder(store, clock, max(settings.ttl().multipliedBy(2), Duration.ofMinutes(1)));
        this.flusher = settings.flushInterval().isZero() ? null : startFlusher(settings.flushInterval());
    }

    @Override
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > MAX_SECRET_LENGTH) {
            return Optional.empty();
        }
        String hash = TokenSecrets.hash(secret);
        return answer(hash, () -> store.findCredential(hash).filter(c -> TokenSecrets.matches(secret, c.token().secretHash())), true);
    }

    /** @param touch whether this counts as a use of the token (its last-used time) */
    private Optional<Caller> answer(String key, Supplier<Optional<Credential>> lookup, boolean touch) {
        long now = clock.millis();
        Entry entry = cache.get(key);
        if (entry == null || now >= entry.validUntil()) {
            entry = load(key, lookup, entry, now);
        }
        if (entry.caller().isEmpty() || now >= entry.tokenExpiresAt()) {
            return Optional.empty();
        }
        if (touch) {
            entry.mark().touch(now);
        }
        return entry.caller();
    }

    /**
     * The caller of the token with this public id, as {@link #authenticate} would answer for its secret: empty when
     * it is unknown, revoked or expired or its owner is inactive. For sessions opened with a token whose secret is
     * not kept (the dashboard's); cached and invalidated alike, so a revocation here ends them at once.
     */
    public Optional<Caller> authenticateTokenId(String tokenId) {
        if (tokenId == null || tokenId.isEmpty() || tokenId.length() > MAX_SECRET_LENGTH) {
            return Optional.empty();
        }
        return answer(BY_ID + tokenId, () -> store.findById(tokenId).flatMap(t -> store.findCredential(t.secretHash())), false);
    }

    /** Forgets a token at once (it was revoked here). */
    public void invalidateToken(String tokenId) {
        generation.incrementAndGet();
        cache.values().removeIf(e -> tokenId.equals(e.tokenId()));
    }

    /** Forgets every token of a principal at once (it changed or was deactivated here). */
    public void invalidatePrincipal(long principalId) {
        generation.incrementAndGet();
        cache.values().removeIf(e -> e.principalId() == principalId);
    }

    public void invalidateAll() {
        generation.incrementAndGet();
        cache.clear();
    }

    /** Writes pending last-used times now; returns how many tokens were written. */
    public int flushLastUsed() {
        return lastUsed.flush();
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdown(); // let a running flush finish rather than interrupting it mid-write
            try {
                flusher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lastUsed.flush();
    }

    private Entry load(String key, Supplier<Optional<Credential>> lookup, Entry stale, long now) {
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            long gen = generation.get();
            Entry fresh = read(lookup.get(), now);
            if (gen == generation.get()) {
                put(key, fresh, now);
            }
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException e) {
            if (stale == null) {
                // The store's message (SQL, bound values) is for the operator's log, not for the caller's error.
                LOG.warn("control-plane store unavailable, cannot check a token: {}", e.toString());
                GatewayException unavailable = new GatewayException(ErrorCategory.INTERNAL,
                        "cannot check the token: the control-plane store is unavailable; retry shortly");
                mine.completeExceptionally(unavailable);
                throw unavailable;
            }
            // A store outage keeps known callers working on their last answer rather than failing every
            // request; the answer is trusted a little longer so that requests do not hammer a broken store.
            LOG.warn("control-plane store unavailable, using the last known answer for a token: {}", e.toString());
            Entry extended = new Entry(stale.caller(), stale.tokenId(), stale.principalId(), stale.tokenExpiresAt(),
                    now + settings.negativeTtl().toMillis(), stale.mark());
            cache.replace(key, stale, extended);
            mine.complete(extended);
            return extended;
        } finally {
            loading.remove(key, mine);
        }
    }

    private static Entry await(CompletableFuture<Entry> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Entry read(Optional<Credential> found, long now) {
        if (found.isEmpty()) {
            return new Entry(Optional.empty(), null, UNKNOWN, 0, now + settings.negativeTtl().toMillis(), null);
        }
        Credential c = found.get();
        if (c.token().revoked() || !c.owner().active()) {
            return new Entry(Optional.empty(), c.token().id(), c.owner().id(), 0, now + settings.ttl().toMillis(), null);
        }
        long expiresAt = c.token().expiresAt().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        Caller caller = new Caller(c.owner().principal(), c.token().id(), GroupService.callerGroups(c.groups()));
        return new Entry(Optional.of(caller), c.token().id(), c.owner().id(), expiresAt, now + settings.ttl().toMillis(),
                lastUsed.markFor(c.token().id()));
    }

    private void put(String key, Entry entry, long now) {
        if (cache.size() >= settings.maxEntries()) {
            cache.values().removeIf(e -> now >= e.validUntil());
            if (cache.size() >= settings.maxEntries()) {
                if (entry.caller().isEmpty()) {
                    return; // a flood of unknown secrets must not grow memory
                }
                cache.values().removeIf(e -> e.caller().isEmpty());
            }
        }
        cache.put(key, entry);
    }

    private ScheduledExecutorService startFlusher(Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lakegate-token-last-used").factory());
        long ms = interval.toMillis();
        executor.scheduleWithFixedDelay(lastUsed::flush, ms, ms, TimeUnit.MILLISECONDS);
        return executor;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    int cacheSize() {
        return cache.size();
    }
}
