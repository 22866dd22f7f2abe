package dev.lakegate.server.governance.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.observe.GatewayMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Retry hints, headers, and what happens when the store does not answer. */
class RateLimiterTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.250Z");

    private final FakeTime time = new FakeTime();
    private final LocalBucketStore store = new LocalBucketStore(time);
    private final GatewayMetrics metrics = new GatewayMetrics(java.util.Optional::of);

    private RateLimiter.Decision ask(RateLimiter limiter, RateLimitPolicy policy, String caller, String... groups) {
        return limiter.admit(policy.requirements(caller, PrincipalType.USER, Set.of(groups)));
    }

    private Refusal refusal(RateLimiter.Decision d) {
        assertThat(d).isInstanceOf(RateLimiter.Decision.Refused.class);
        return ((RateLimiter.Decision.Refused) d).refusal();
    }

    @Test
    void retryAfterIsTheRestOfTheWindowInWholeSecondsRoundedUp() {
        RateLimiter limiter = new RateLimiter(store, OnStoreFailure.ADMIT, metrics);
        RateLimitPolicy policy = RateLimitSemanticsTest.compile("[{key: endpoint, calls: 1}]");
        ask(limiter, policy, "alice");
        time.advance(Duration.ofMillis(17_400));
        Refusal r = refusal(ask(limiter, policy, "alice"));
        assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(43)); // 42.6 s left
        assertThat(r.remaining()).isZero();
        assertThat(r.message()).isEqualTo("Rate limit exceeded (endpoint e: 1 request per minute). Please try again in 43s.");
        time.advance(Duration.ofMillis(42_599));
        assertThat(refusal(ask(limiter, policy, "alice")).retryAfter()).isEqualTo(Duration.ofSeconds(1)); // never 0
    }

    @Test
    void aTokenDebtIsWaitedOutWindowByWindow() {
        RateLimiter limiter = new RateLimiter(store, OnStoreFailure.ADMIT, metrics);
        RateLimitPolicy policy = RateLimitSemanticsTest.compile("[{key: user, tokens: 1000}]");
        limiter.charge((RateLimiter.Decision.Admitted) ask(limiter, policy, "alice"), 3500); // -2500: three windows to repay
        assertThat(refusal(ask(limiter, policy, "alice")).retryAfter()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aMemberOfSeveralGroupsIsToldWhenTheFirstOfThemRenews() {
        RateLimiter limiter = new RateLimiter(store, OnStoreFailure.ADMIT, metrics);
        RateLimitPolicy policy = RateLimitSemanticsTest.compile("[{key: user_group, principal: eng, calls: 1}, {key: user_group, principal: ops, calls: 1}]");
        ask(limiter, policy, "alice", "eng");
        time.advance(Duration.ofSeconds(20));
        ask(limiter, policy, "bob", "ops");
        Refusal r = refusal(ask(limiter, policy, "carol", "eng", "ops"));
        assertThat(r.bucket().owner()).isEqualTo("group eng on endpoint e");
        assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void refusalHeadersInOpenAisFamilyEverywhereAndAnthropicsOnItsSurface() {
        RateLimiter limiter = new RateLimiter(store, OnStoreFailure.ADMIT, metrics);
        RateLimitPolicy policy = RateLimitSemanticsTest.compile("[{key: endpoint, calls: 60}, {key: user, tokens: 1000}]");
        limiter.charge((RateLimiter.Decision.Admitted) ask(limiter, policy, "alice"), 1200);
        Refusal r = refusal(ask(limiter, policy, "alice"));

        GatewayError openai = RateLimitErrors.refused(r, WireProtocol.OPENAI_RESPONSES, NOW);
        assertThat(openai.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(openai.status()).isEqualTo(429);
        assertThat(openai.retryAfter()).contains(Duration.ofSeconds(60));
        assertThat(openai.message()).contains("the per-user default of endpoint e: 1000 tokens per minute");
        assertThat(openai.headers()).containsExactly(
                Map.entry("x-ratelimit-limit-tokens", "1000"),
                Map.entry("x-ratelimit-remaining-tokens", "0"),
                Map.entry("x-ratelimit-reset-tokens", "60s"));

        GatewayError anthropic = RateLimitErrors.refused(r, WireProtocol.ANTHROPIC, NOW);
        assertThat(anthropic.headers())
                .containsEntry("x-ratelimit-limit-tokens", "1000")
                .containsEntry("anthropic-ratelimit-tokens-limit", "1000")
                .containsEntry("anthropic-ratelimit-tokens-remaining", "0")
                .containsEntry("anthropic-ratelimit-tokens-reset", "2026-01-01T00:01:01Z") // 00:01:00.250 rounded up
                .doesNotContainKey("anthropic-ratelimit-requests-limit");
    }

    @Test
    void aStoreThatDoesNotAnswerAdmitsByDefaultAndGivesBackWhatItTook() {
        FailingStore failing = new FailingStore(store, 1); // the endpoint's request bucket answers, the user's does not
        RateLimiter limiter = new RateLimiter(failing, OnStoreFailure.ADMIT, metrics);
        RateLimitPolicy policy = RateLimitSemanticsTest.compile("[{key: endpoint, calls: 1}, {key: user, calls: 5}]");
        assertThat(ask(limiter, policy, "alice")).isEqualTo(new RateLimiter.Decision.Admitted(List.of()));
        assertThat(failing.givenBack).hasSize(1);
        assertThat(metrics.scrape()).contains("lakegate_ratelimit_store_failures_total{outcome=\"admitted\"} 1.0");
        // The endpoint's one request was given back: a working store admits the next request.
        assertThat(new RateLimiter(store, OnStoreFailure.ADMIT, metrics).admit(policy.requirements("bob", PrincipalType.USER, Set.of())))
                .isInstanceOf(RateLimiter.Decision.Admitted.class);
    }

    @Test
    void aStoreThatDoesNotAnswerRefusesWith503WhenConfiguredTo() {
        RateLimiter limiter = new RateLimiter(new FailingStore(store, 0), OnStoreFailure.REFUSE, metrics);
        RateLimitPolicy policy = RateLimitSemanticsTest.compile("[{key: endpoint, calls: 1}]");
        assertThat(ask(limiter, policy, "alice")).isInstanceOf(RateLimiter.Decision.Unavailable.class);
        GatewayError e = RateLimitErrors.unavailable();
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(metrics.scrape()).contains("lakegate_ratelimit_store_failures_total{outcome=\"refused\"} 1.0");
    }

    @Test
    void tokensThatCannotBeChargedAreCountedNotThrown() {
        RateLimitPolicy policy = RateLimitSemanticsTest.compile("[{key: endpoint, tokens: 100}]");
        RateLimiter.Decision.Admitted admitted = (RateLimiter.Decision.Admitted) ask(new RateLimiter(store, OnStoreFailure.ADMIT, metrics), policy, "a");
        new RateLimiter(new FailingStore(store, 0), OnStoreFailure.ADMIT, metrics).charge(admitted, 50);
        assertThat(metrics.scrape()).contains("lakegate_ratelimit_store_failures_total{outcome=\"uncharged\"} 1.0");
    }

    /** Answers the first {@code answers} calls from a real store, then fails like an unreachable Redis (giving back still works). */
    private static final class FailingStore implements BucketStore {
        private final BucketStore real;
        private int answers;
        final List<BucketSpec> givenBack = new ArrayList<>();

        FailingStore(BucketStore real, int answers) {
            this.real = real;
            this.answers = answers;
        }

        private void maybeFail() {
            if (answers-- <= 0) {
                throw new BucketStoreException("Redis at test:0 did not answer", null);
            }
        }

        @Override
        public Probe take(BucketSpec bucket) {
            maybeFail();
            return real.take(bucket);
        }

        @Override
        public Probe peek(BucketSpec bucket) {
            maybeFail();
            return real.peek(bucket);
        }

        @Override
        public void giveBack(BucketSpec bucket, long units) {
            givenBack.add(bucket);
            real.giveBack(bucket, units);
        }

        @Override
        public void charge(BucketSpec bucket, long units) {
            maybeFail();
            real.charge(bucket, units);
        }

        @Override
        public void close() {}
    }
}
