package dev.lakegate.server.dashboard;

import dev.lakegate.server.dashboard.SessionStore.Session;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.TokenSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dashboard sign-in sessions: opened with a token, ended by logout, idleness, their absolute end or the token's.
 * Every lookup re-checks the token by its id ({@code tokenCheck}, answered from the governance caches), so revoking
 * the token or deactivating its owner ends the session on the next request, and the admin flag and groups are
 * always current. Positive store lookups are cached briefly; {@code last_seen_at} is written at most once a minute.
 */
public final class Sessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    static final Duration CACHE_TTL = Duration.ofSeconds(10);
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 10_000;

    /** A signed-in browser: its session and the caller it acts as, re-checked now. */
    public record Active(Session session, Caller caller) {}

    /** A new session; {@code id} goes into the cookie and nowhere else. */
    public record Opened(String id, Session session, Caller caller) {
        @Override
        public String toString() {
            return "Opened[" + session.tokenId() + "]";
        }
    }

    private record Cached(Session session, long validUntil) {}

    private final SessionStore store;
    private final Function<String, Optional<Caller>> tokenCheck;
    private final Function<String, Optional<Instant>> tokenExpiry;
    private final Clock clock;
    private final Duration idle;
    private final Duration max;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService purger;

    /**
     * @param tokenCheck the caller of a token id, empty when it is revoked, expired or its owner inactive
     * @param tokenExpiry a token's expiry, empty when it has none
     */
    public Sessions(SessionStore store, Function<String, Optional<Caller>> tokenCheck, Function<String, Optional<Instant>> tokenExpiry,
            Clock clock, Duration idle, Duration max) {
        this.store = store;
        this.tokenCheck = tokenCheck;
        this.tokenExpiry = tokenExpiry;
        this.clock = clock;
        this.idle = idle;
        this.max = max;
    }

    /** Opens a session for a caller that just authenticated with a token. */
    public Opened open(Caller caller) {
        Instant now = clock.instant();
        Instant end = now.plus(max);
        Optional<Instant> tokenEnd = tokenExpiry.apply(caller.tokenId());
        if (tokenEnd.isPresent() && tokenEnd.get().isBefore(end)) {
            end = tokenEnd.get();
        }
        String id = SessionCookie.newId();
        Session session = new Session(TokenSecrets.hash(id), caller.principal().id(), caller.tokenId(), SessionCookie.newId(), now, now, end);
        store.insert(session);
        return new Opened(id, session, caller);
    }

    /** The live session with this cookie id, or empty (ended, unknown, or its token no longer valid). */
    public Optional<Active> find(String id) {
        String hash = TokenSecrets.hash(id);
        Instant now = clock.instant();
        long nowMs = now.toEpochMilli();
        Optional<Session> known = cached(hash, nowMs);
        if (known.isEmpty()) {
            known = store.find(hash);
            known.ifPresent(s -> remember(s, nowMs));
        }
        if (known.isEmpty()) {
            return Optional.empty();
        }
        Session session = known.get();
        if (!now.isBefore(session.expiresAt()) || !now.isBefore(session.lastSeenAt().plus(idle))) {
            forget(hash);
            return Optional.empty();
        }
        Optional<Caller> caller = tokenCheck.apply(session.tokenId()).filter(c -> c.principal().id() == session.principalId());
        if (caller.isEmpty()) {
            forget(hash); // the token was revoked or expired, or its owner deactivated: the session ends with it
            return Optional.empty();
        }
        if (now.isBefore(session.lastSeenAt().plus(TOUCH_EVERY))) {
            return Optional.of(new Active(session, caller.get()));
        }
        store.touch(hash, now);
        Session touched = session.touched(now);
        remember(touched, nowMs);
        return Optional.of(new Active(touched, caller.get()));
    }

    /** Logout: the session ends here and on every gateway sharing the database. */
    public void end(Session session) {
        forget(session.idHash());
    }

    /** Deletes ended sessions; returns how many. */
    public int purge() {
        Instant now = clock.instant();
        return store.purge(now, now.minus(idle));
    }

    /** Purges ended sessions every {@code every}, on a daemon thread, until {@link #close()}. */
    public void startPurging(Duration every) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lakegate-dashboard-sessions").factory());
        executor.scheduleWithFixedDelay(() -> {
            try {
                int purged = purge();
                LOG.debug("purged {} ended dashboard sessions", purged);
            } catch (RuntimeException e) {
                LOG.warn("could not purge ended dashboard sessions: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        purger = executor;
    }

    /** How long the browser should keep the cookie: until the session's absolute end. */
    long maxAgeSeconds(Session session) {
        return Math.max(0, Duration.between(clock.instant(), session.expiresAt()).toSeconds());
    }

    @Override
    public void close() {
        ScheduledExecutorService executor = purger;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private Optional<Session> cached(String hash, long now) {
        Cached c = cache.get(hash);
        return c == null || now >= c.validUntil() ? Optional.empty() : Optional.of(c.session());
    }

    private void remember(Session session, long now) {
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(c -> now >= c.validUntil());
            if (cache.size() >= MAX_CACHED) {
                return;
            }
        }
        cache.put(session.idHash(), new Cached(session, now + CACHE_TTL.toMillis()));
    }

    private void forget(String hash) {
        cache.remove(hash);
        store.delete(hash);
    }
}
