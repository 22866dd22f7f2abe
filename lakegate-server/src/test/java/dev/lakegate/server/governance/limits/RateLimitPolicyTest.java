package dev.lakegate.server.governance.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.server.governance.PrincipalType;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitPolicyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [{calls: 1}]                                                        | rate_limits[0]: key is required
            [{key: endpoint}]                                                   | rate_limits[0]: set calls (requests per minute), tokens
            [{key: endpoint, calls: 0}]                                         | calls and tokens must be positive
            [{key: user, tokens: -5}]                                           | calls and tokens must be positive
            [{key: endpoint, principal: x, calls: 1}]                           | an endpoint limit takes no principal
            [{key: user_group, calls: 1}]                                       | a user_group limit needs principal: the group's name
            [{key: service_principal, calls: 1}]                                | a service_principal limit needs principal
            [{key: user, principal: ' ', calls: 1}]                             | principal is blank
            [{key: endpoint, calls: 1}, {key: endpoint, tokens: 5}]             | rate_limits[1]: a second limit for endpoint; give each subject one entry
            [{key: user, calls: 1}, {key: user, calls: 2}]                      | a second limit for user (the default per-user limit)
            [{key: user, principal: a, calls: 1}, {key: user, principal: a, calls: 2}] | a second limit for user a
            [{key: group, calls: 1}]                                            | unknown rate limit key 'group' (expected endpoint, user, user_group or service_principal)
            [{key: user, calls: 1, renewal_period: hour}]                       | unknown renewal_period 'hour' (only minute is supported)
            [{key: user, calls: 1, qpm: 3}]                                     | qpm
            """)
    void refusesMistakesNamingTheEntryAndTheFix(String limits, String message) {
        assertThatThrownBy(() -> RateLimitSemanticsTest.compile(limits)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test: ").hasMessageContaining(message);
    }

    @Test
    void keepsTheManagedProductsCounts() {
        List<RateLimit> many = IntStream.range(0, 21)
                .mapToObj(i -> new RateLimit(RateLimit.Key.USER, "u" + i, 1L, null, null)).toList();
        assertThatThrownBy(() -> RateLimitPolicy.compile("e", many)).hasMessage("endpoint 'e' has 21 rate limits; at most 20 are allowed");
        List<RateLimit> groups = IntStream.range(0, 6)
                .mapToObj(i -> new RateLimit(RateLimit.Key.USER_GROUP, "g" + i, 1L, null, null)).toList();
        assertThatThrownBy(() -> RateLimitPolicy.compile("e", groups)).hasMessage("endpoint 'e' has 6 group rate limits; at most 5 are allowed");
    }

    @Test
    void keysNameEndpointSubjectAndDimensionAndHashTheDefinition() {
        RateLimitPolicy policy = RateLimitSemanticsTest.compile("[{key: endpoint, calls: 60, tokens: 1000}, {key: user, calls: 5},"
                + " {key: user, principal: 'a:b%c', calls: 5}, {key: user_group, principal: eng, calls: 7}]");
        List<String> keys = policy.requirements("alice", PrincipalType.USER, Set.of()).stream()
                .map(r -> r.anyOf().getFirst().key()).toList();
        assertThat(keys).hasSize(3);
        assertThat(keys.get(0)).matches("lakegate:rl:e:endpoint:-:tokens:[0-9a-f]{8}");
        assertThat(keys.get(1)).matches("lakegate:rl:e:endpoint:-:requests:[0-9a-f]{8}");
        assertThat(keys.get(2)).matches("lakegate:rl:e:user:alice:requests:[0-9a-f]{8}");
        assertThat(policy.requirements("a:b%c", PrincipalType.USER, Set.of()).getLast().anyOf().getFirst().key())
                .matches("lakegate:rl:e:user:a%3Ab%25c:requests:[0-9a-f]{8}");
        assertThat(policy.requirements("bot", PrincipalType.SERVICE_PRINCIPAL, Set.of()).getLast().anyOf().getFirst().key())
                .startsWith("lakegate:rl:e:service_principal:bot:requests:");
        assertThat(policy.requirements("bob", PrincipalType.USER, Set.of("eng")).getLast().anyOf().getFirst().key())
                .startsWith("lakegate:rl:e:user_group:eng:requests:");
        // The default and a custom limit of the same amount are different buckets, as are different amounts.
        String defaultKey = policy.requirements("x", PrincipalType.USER, Set.of()).getLast().anyOf().getFirst().key();
        String customKey = policy.requirements("a:b%c", PrincipalType.USER, Set.of()).getLast().anyOf().getFirst().key();
        assertThat(defaultKey.substring(defaultKey.lastIndexOf(':'))).isNotEqualTo(customKey.substring(customKey.lastIndexOf(':')));
    }

    @Test
    void anEndpointWithoutLimitsIsNone() {
        assertThat(RateLimitPolicy.compile("e", List.of()).isEmpty()).isTrue();
        assertThat(RateLimitPolicy.NONE.requirements("alice", PrincipalType.USER, Set.of("eng"))).isEmpty();
    }
}
