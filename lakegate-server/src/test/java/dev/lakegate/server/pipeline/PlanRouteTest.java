package dev.lakegate.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.config.ProviderType;
import dev.lakegate.server.provider.Destination;
import dev.lakegate.server.provider.Provider;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanRouteTest {
    private static final Provider P = new Provider("p", ProviderType.SCRIPTED, ProviderType.SCRIPTED.protocols(), "http://x", null, Map.of(),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), null);

    private static Destination d(String model, int weight, int priority) {
        return new Destination(P, model, weight, priority, Duration.ofSeconds(1), null);
    }

    @Test
    void splitsTrafficByWeightWithinTheBestPriorityAndFallsBackByPriority() {
        Destination a = d("a", 75, 0);
        Destination b = d("b", 25, 0);
        Destination fallback = d("c", 100, 1);
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            List<Destination> plan = PlanRoute.plan(List.of(fallback, a, b), true);
            assertThat(plan).hasSize(2);
            assertThat(plan.get(1)).isSameAs(fallback);
            first.merge(plan.getFirst().model(), 1, Integer::sum);
        }
        assertThat(first).containsOnlyKeys("a", "b");
        assertThat(first.get("a") / 20_000.0).isBetween(0.72, 0.78);
    }

    @Test
    void withoutFallbackOnlyTheBestPriorityIsPlanned() {
        Destination a = d("a", 50, 1);
        Destination b = d("b", 50, 1);
        for (int i = 0; i < 100; i++) {
            assertThat(PlanRoute.plan(List.of(d("later", 100, 2), a, b), false)).singleElement().isIn(a, b);
        }
    }

    @Test
    void zeroWeightsStillServe() {
        assertThat(PlanRoute.plan(List.of(d("only", 0, 0)), true)).extracting(Destination::model).containsExactly("only");
    }
}
