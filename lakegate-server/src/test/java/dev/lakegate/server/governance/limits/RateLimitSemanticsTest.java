package dev.lakegate.server.governance.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lakegate.server.config.GatewayConfig;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.observe.GatewayMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of SPEC §3's rate limits, one row each: the limits of endpoint {@code e} as they are written in
 * the YAML file, then what callers do and what they must get. Steps:
 * <ul>
 *   <li>{@code alice -> ok}, {@code sp:ci -> ok} (a service principal), {@code alice[eng,ops] -> ok} (a member of
 *       groups eng and ops); {@code -> ok +700} also charges 700 tokens as the answer's usage at its end;
 *   <li>{@code alice -> 429 <limit>}: refused, naming that limit;
 *   <li>{@code wait 60s}: the buckets' clock moves on;
 *   <li>{@code limits [...]}: the endpoint's limits are replaced (the buckets stay).
 * </ul>
 */
class RateLimitSemanticsTest {
    private static final Pattern CALL = Pattern.compile("(sp:)?(\\w+)(?:\\[([\\w,]+)])? -> (?:ok(?: \\+(\\d+))?|429 (.+))");

    static Stream<Arguments> rows() {
        return Stream.of(
                row("the endpoint limit is a ceiling for everyone, even a user with headroom",
                        "[{key: endpoint, calls: 2}, {key: user, calls: 10}]",
                        "alice -> ok", "bob -> ok", "alice -> 429 endpoint e: 2 requests per minute"),
                row("the default per-user limit gives each user a bucket of their own",
                        "[{key: user, calls: 2, renewal_period: minute}]",
                        "alice -> ok", "alice -> ok", "alice -> 429 the per-user default of endpoint e: 2 requests per minute",
                        "bob -> ok", "bob -> ok", "bob -> 429 the per-user default of endpoint e: 2 requests per minute"),
                row("a custom user limit overrides the default",
                        "[{key: user, calls: 1}, {key: user, principal: alice, calls: 3}]",
                        "alice -> ok", "alice -> ok", "alice -> ok", "alice -> 429 user alice on endpoint e: 3 requests per minute",
                        "bob -> ok", "bob -> 429 the per-user default of endpoint e: 1 request per minute"),
                row("a custom user limit beats the user's group limits",
                        "[{key: user_group, principal: eng, calls: 10}, {key: user, principal: alice, calls: 1}]",
                        "alice[eng] -> ok", "alice[eng] -> 429 user alice on endpoint e: 1 request per minute", "bob[eng] -> ok"),
                row("a service principal's custom limit is its own, apart from a user of the same name",
                        "[{key: service_principal, principal: ci, calls: 1}, {key: user, calls: 2}]",
                        "sp:ci -> ok", "sp:ci -> 429 service principal ci on endpoint e: 1 request per minute",
                        "ci -> ok", "ci -> ok", "ci -> 429 the per-user default of endpoint e: 2 requests per minute"),
                row("a custom service principal limit beats its group limits",
                        "[{key: user_group, principal: bots, calls: 10}, {key: service_principal, principal: ci, calls: 1}]",
                        "sp:ci[bots] -> ok", "sp:ci[bots] -> 429 service principal ci on endpoint e: 1 request per minute"),
                row("the default per-user limit also holds a service principal without a custom limit, in a bucket of its own",
                        "[{key: user, calls: 1}]",
                        "sp:bot -> ok", "sp:bot -> 429 the per-user default of endpoint e: 1 request per minute", "bot -> ok"),
                row("a group limit is one bucket shared by all its members",
                        "[{key: user_group, principal: eng, calls: 3}]",
                        "alice[eng] -> ok", "bob[eng] -> ok", "alice[eng] -> ok", "bob[eng] -> 429 group eng on endpoint e: 3 requests per minute"),
                row("a group limit overrides the default; a member of only unlimited groups gets the default",
                        "[{key: user, calls: 1}, {key: user_group, principal: eng, calls: 3}]",
                        "alice[eng] -> ok", "alice[eng] -> ok", "alice[eng] -> ok", "alice[eng] -> 429 group eng on endpoint e: 3 requests per minute",
                        "dave[ops] -> ok", "dave[ops] -> 429 the per-user default of endpoint e: 1 request per minute"),
                row("a member of two limited groups is refused only when both are exhausted",
                        "[{key: user_group, principal: eng, calls: 1}, {key: user_group, principal: ops, calls: 2}]",
                        "alice[eng,ops] -> ok", "alice[eng,ops] -> ok", "alice[eng,ops] -> ok",
                        "alice[eng,ops] -> 429 every group limit that applies (group eng on endpoint e: 1 request per minute; "
                                + "group ops on endpoint e: 2 requests per minute)",
                        "bob[ops] -> 429 group ops on endpoint e: 2 requests per minute"),
                row("groups count per dimension: all their request limits exhausted refuses, though another group limits only tokens",
                        "[{key: user_group, principal: eng, calls: 1}, {key: user_group, principal: ops, tokens: 1000}]",
                        "alice[eng,ops] -> ok +10", "alice[eng,ops] -> 429 group eng on endpoint e: 1 request per minute"),
                row("requests and tokens on one subject: the stricter wins (here tokens)",
                        "[{key: user, calls: 10, tokens: 1000}]",
                        "alice -> ok +1000", "alice -> 429 the per-user default of endpoint e: 1000 tokens per minute"),
                row("requests and tokens on one subject: the stricter wins (here requests)",
                        "[{key: endpoint, calls: 1, tokens: 100000}]",
                        "alice -> ok +10", "bob -> 429 endpoint e: 1 request per minute"),
                row("tokens admit while the bucket is not exhausted, whatever the request then costs",
                        "[{key: user, tokens: 1000}]",
                        "alice -> ok +999", "alice -> ok +5000", "alice -> 429 the per-user default of endpoint e: 1000 tokens per minute"),
                row("tokens are charged after the answer, below zero if need be: later windows repay the debt first",
                        "[{key: user, tokens: 1000}]",
                        "alice -> ok +2500", "alice -> 429 the per-user default of endpoint e: 1000 tokens per minute",
                        "wait 60s", "alice -> 429 the per-user default of endpoint e: 1000 tokens per minute",
                        "wait 60s", "alice -> ok"),
                row("a group's tokens are charged to the group that admitted the request",
                        "[{key: user_group, principal: eng, tokens: 100}, {key: user_group, principal: ops, tokens: 100}]",
                        "alice[eng,ops] -> ok +100", "bob[eng] -> 429 group eng on endpoint e: 100 tokens per minute", "carol[ops] -> ok",
                        "alice[eng,ops] -> ok +100",
                        "alice[eng,ops] -> 429 every group limit that applies (group eng on endpoint e: 100 tokens per minute; "
                                + "group ops on endpoint e: 100 tokens per minute)"),
                row("a refusal gives back what earlier limits took: refused requests use up no endpoint capacity",
                        "[{key: endpoint, calls: 3}, {key: user, calls: 1}]",
                        "alice -> ok", "alice -> 429 the per-user default of endpoint e: 1 request per minute",
                        "alice -> 429 the per-user default of endpoint e: 1 request per minute",
                        "bob -> ok", "carol -> ok", "dave -> 429 endpoint e: 3 requests per minute"),
                row("the whole limit renews a minute after the bucket's first use, not bit by bit",
                        "[{key: endpoint, calls: 2}]",
                        "alice -> ok", "wait 30s", "alice -> ok", "wait 29s", "alice -> 429 endpoint e: 2 requests per minute",
                        "wait 1s", "alice -> ok", "alice -> ok", "alice -> 429 endpoint e: 2 requests per minute"),
                row("a changed limit starts a fresh bucket; an unchanged one keeps its state",
                        "[{key: endpoint, calls: 1}]",
                        "alice -> ok", "alice -> 429 endpoint e: 1 request per minute",
                        "limits [{key: endpoint, calls: 1}]", "alice -> 429 endpoint e: 1 request per minute",
                        "limits [{key: endpoint, calls: 2}]", "alice -> ok", "alice -> ok", "alice -> 429 endpoint e: 2 requests per minute"),
                row("an endpoint without limits checks nothing",
                        "[]",
                        "alice -> ok +1000000", "alice -> ok", "sp:ci[eng] -> ok"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(String rule, String limits, List<String> steps) {
        FakeTime time = new FakeTime();
        try (LocalBucketStore store = new LocalBucketStore(time)) {
            run(store, time, limits, steps);
        }
    }

    /** Plays a row's steps against a store whose buckets run on {@code time}. */
    static void run(BucketStore store, FakeTime time, String limits, List<String> steps) {
        // Refusing on a store failure, so that a failing store shows here instead of admitting everything.
        RateLimiter limiter = new RateLimiter(store, OnStoreFailure.REFUSE, new GatewayMetrics(java.util.Optional::of));
        RateLimitPolicy policy = compile(limits);
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            String where = "step " + (i + 1) + " '" + step + "'";
            if (step.startsWith("wait ")) {
                time.advance(Duration.ofSeconds(Long.parseLong(step.substring(5, step.length() - 1))));
                continue;
            }
            if (step.startsWith("limits ")) {
                policy = compile(step.substring(7));
                continue;
            }
            Matcher m = CALL.matcher(step);
            if (!m.matches()) {
                fail("cannot read " + where);
            }
            PrincipalType type = m.group(1) != null ? PrincipalType.SERVICE_PRINCIPAL : PrincipalType.USER;
            Set<String> groups = m.group(3) == null ? Set.of() : Set.of(m.group(3).split(","));
            RateLimiter.Decision decision = limiter.admit(policy.requirements(m.group(2), type, groups));
            String refusedBy = m.group(5);
            switch (decision) {
                case RateLimiter.Decision.Admitted admitted -> {
                    assertThat(refusedBy).as(where + ": admitted, expected a refusal").isNull();
                    if (m.group(4) != null) {
                        limiter.charge(admitted, Long.parseLong(m.group(4)));
                    }
                }
                case RateLimiter.Decision.Refused refused -> {
                    assertThat(refusedBy).as(where + ": refused by " + refused.refusal().requirement().describe()).isNotNull();
                    assertThat(refused.refusal().requirement().describe()).as(where).isEqualTo(refusedBy);
                }
                case RateLimiter.Decision.Unavailable unavailable -> fail(where + ": the store did not answer");
            }
        }
    }

    /** Through the configuration file, as an operator writes them. */
    static RateLimitPolicy compile(String limitsYaml) {
        GatewayConfig config = GatewayConfig.parse("""
                providers: [{name: p, type: scripted}]
                endpoints:
                  - {name: e, destinations: [{provider: p, model: m}], rate_limits: %s}
                """.formatted(limitsYaml), "test");
        return RateLimitPolicy.compile("e", config.endpoints().getFirst().rateLimits());
    }

    private static Arguments row(String rule, String limits, String... steps) {
        return Arguments.of(rule, limits, List.of(steps));
    }
}
