package dev.lakegate.bench.jmh;

import dev.lakegate.bench.lake.BenchUtil;
import dev.lakegate.server.config.DatabaseConfig;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.Principal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.governance.TokenAuthenticator;
import dev.lakegate.server.governance.TokenSecrets;
import dev.lakegate.server.governance.limits.LocalBucketStore;
import dev.lakegate.server.governance.limits.OnStoreFailure;
import dev.lakegate.server.governance.limits.RateLimit;
import dev.lakegate.server.governance.limits.RateLimitPolicy;
import dev.lakegate.server.governance.limits.RateLimiter;
import dev.lakegate.server.observe.GatewayMetrics;
import dev.lakegate.server.store.ControlPlane;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.StoreDatabase;
import dev.lakegate.server.store.TokenRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Nanoseconds per request of the two governance steps every request passes before it goes upstream. Token
 * lookup: the pipeline's {@code Authenticate} step asks the {@link TokenAuthenticator} the gateway wires
 * ({@link Governance} on the embedded SQLite control plane, with its cache and change feed, as {@code Gateway}
 * starts them) to resolve a secret among {@value #TOKENS} tokens of {@value #OWNERS} users: a valid one as an
 * agent's requests present it (the cache answers), a valid one the cache does not hold (the SQLite read every
 * active token costs once per cache TTL), and an unknown one (the negative cache). Limit check: what
 * {@code EnforceRateLimits} does around a request: the endpoint's {@link RateLimitPolicy} turned into the caller's
 * requirements, {@link RateLimiter#admit} on a {@link LocalBucketStore}, and {@link RateLimiter#charge} of the
 * answer's tokens, with 1 to 3 limits applying. Baseline: a {@link HashMap} lookup of the same secret among the
 * same {@value #TOKENS}. Both steps run before the first byte goes upstream: they add to every request's latency.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GovernanceBenchmark {
    static final int TOKENS = 10_000;
    static final int OWNERS = 1_000;
    private static final String UNKNOWN_SECRET = "lg_" + "0123456789abcdef".repeat(4);

    /** The control plane with its tokens, and their secrets: the only copy, in memory, dropped at tear-down. */
    @State(Scope.Benchmark)
    public static class Tokens {
        private Path dataDir;
        private StoreDatabase database;
        private Governance governance;
        String[] secrets;
        /** The agent whose requests are measured. */
        String hotSecret;
        final Map<String, Integer> map = new HashMap<>();

        /**
         * Users and tokens go in as {@code PrincipalService} and {@code TokenService} store them, but in one
         * transaction: one per token, as those services commit, takes minutes on this disk.
         */
        @Setup
        public void setUp() throws IOException {
            dataDir = Files.createTempDirectory("lakegate-jmh-tokens");
            database = StoreDatabase.openDataDir(dataDir);
            ControlPlane store = ControlPlane.on(database);
            governance = Governance.create(store, Duration.ofMillis(DatabaseConfig.EMBEDDED.changePollMs()));
            secrets = new String[TOKENS];
            SecureRandom random = new SecureRandom();
            Instant now = Instant.now();
            store.inTransaction((principals, tokens) -> {
                for (int owner = 0; owner < OWNERS; owner++) {
                    long id = 1_000_000L + owner;
                    principals.insert(new PrincipalRecord(id, PrincipalType.USER, "user" + owner + "@example.com", "User " + owner,
                            "user" + owner + "@example.com", false, true, now));
                    for (int t = 0; t < TOKENS / OWNERS; t++) {
                        String secret = "lg_" + randomBase64(random, 32); // the shape of TokenSecrets.newSecret()
                        secrets[owner * (TOKENS / OWNERS) + t] = secret;
                        tokens.insert(new TokenRecord("tok_" + HexFormat.of().formatHex(randomBytes(random, 12)), id, TokenSecrets.hash(secret),
                                "bench", id, now, Optional.empty(), Optional.empty(), Optional.empty()));
                    }
                }
                return null;
            });
            for (int i = 0; i < TOKENS; i++) {
                map.put(secrets[i], i);
            }
            hotSecret = secrets[TOKENS / 2];
            if (governance.authenticator().authenticate(hotSecret).isEmpty() || governance.authenticator().authenticate(UNKNOWN_SECRET).isPresent()) {
                throw new IllegalStateException("the store does not answer as it should");
            }
        }

        private static byte[] randomBytes(SecureRandom random, int n) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            return bytes;
        }

        private static String randomBase64(SecureRandom random, int n) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(random, n));
        }

        @TearDown
        public void tearDown() {
            governance.close();
            database.close();
            BenchUtil.deleteRecursively(dataDir);
        }
    }

    /** Each thread walks the secrets in turn, each one read from the store afresh. */
    @State(Scope.Thread)
    public static class ColdCache {
        private int next;
        String secret;

        @Setup(Level.Invocation)
        public void forget(Tokens tokens) {
            tokens.governance.authenticator().invalidateAll();
            next = next + 1 == tokens.secrets.length ? 0 : next + 1;
            secret = tokens.secrets[next];
        }
    }

    /** A limiter and an endpoint policy of which {@code limits} entries apply to the caller; their capacity is never reached. */
    @State(Scope.Benchmark)
    public static class Limits {
        /** 1: the endpoint's; 2: and the default per-user limit; 3: the endpoint's and two of the caller's groups. */
        @Param({"1", "2", "3"})
        public int limits;

        /** Near Bucket4j's highest refill rate (one per nanosecond); fresh buckets every iteration stay far from empty. */
        private static final long CALLS = 50_000_000_000L;
        private static final long TOKENS_PER_MINUTE = 50_000_000_000L;
        /** Tokens charged per request: the cost does not depend on it, the buckets' headroom does. */
        static final long CHARGED = 1_000;

        private LocalBucketStore buckets;
        RateLimiter limiter;
        RateLimitPolicy policy;
        final Caller caller = new Caller(new Principal(42, "alice@example.com", PrincipalType.USER, "alice@example.com", false, true),
                "tok_bench", Set.of("users", "backend", "oncall"));

        @Setup
        public void setUp() {
            List<RateLimit> entries = switch (limits) {
                case 1 -> List.of(limit(RateLimit.Key.ENDPOINT, null, CALLS, null));
                case 2 -> List.of(limit(RateLimit.Key.ENDPOINT, null, CALLS, null), limit(RateLimit.Key.USER, null, CALLS, TOKENS_PER_MINUTE));
                case 3 -> List.of(limit(RateLimit.Key.ENDPOINT, null, CALLS, TOKENS_PER_MINUTE),
                        limit(RateLimit.Key.USER_GROUP, "backend", CALLS, TOKENS_PER_MINUTE),
                        limit(RateLimit.Key.USER_GROUP, "oncall", CALLS, TOKENS_PER_MINUTE));
                default -> throw new IllegalArgumentException("limits is 1, 2 or 3, not " + limits);
            };
            policy = RateLimitPolicy.compile("claude-sonnet", entries);
        }

        @Setup(Level.Iteration)
        public void freshBuckets() {
            buckets = new LocalBucketStore(Duration.ofMinutes(1)); // as Gateway builds it without Redis
            limiter = new RateLimiter(buckets, OnStoreFailure.ADMIT, new GatewayMetrics(Optional::of));
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            buckets.close();
        }

        private static RateLimit limit(RateLimit.Key key, String principal, Long calls, Long tokens) {
            return new RateLimit(key, principal, calls, tokens, null);
        }
    }

    @Benchmark
    public Integer hashMapLookup(Tokens tokens) {
        return tokens.map.get(tokens.hotSecret);
    }

    /** The steady state: the cache answers, and re-reads the store when the answer's TTL (10 s) has run out. */
    @Benchmark
    public Optional<Caller> validToken(Tokens tokens) {
        return tokens.governance.authenticator().authenticate(tokens.hotSecret);
    }

    /** What each active token costs once per TTL: the cache holds nothing, so the SQLite store is read. */
    @Benchmark
    public Optional<Caller> validTokenCacheMiss(Tokens tokens, ColdCache cold) {
        return tokens.governance.authenticator().authenticate(cold.secret);
    }

    /** A misconfigured agent retrying with a wrong token: the negative cache answers. */
    @Benchmark
    public Optional<Caller> unknownToken(Tokens tokens) {
        return tokens.governance.authenticator().authenticate(UNKNOWN_SECRET);
    }

    /** {@code EnforceRateLimits.intercept} around a request that was admitted and used {@link Limits#CHARGED} tokens. */
    @Benchmark
    public RateLimiter.Decision rateLimit(Limits limits) {
        Caller caller = limits.caller;
        RateLimiter.Decision decision = limits.limiter.admit(limits.policy.requirements(caller.principal().name(), caller.principal().type(),
                caller.groups()));
        if (!(decision instanceof RateLimiter.Decision.Admitted admitted)) {
            throw new IllegalStateException("refused: " + decision);
        }
        limits.limiter.charge(admitted, Limits.CHARGED);
        return decision;
    }
}
