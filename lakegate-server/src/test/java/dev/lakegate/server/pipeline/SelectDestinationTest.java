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

class SelectDestinationTest {
    private static final Provider P = new Provider("p", ProviderType.SCRIPTED, "http://x", null, Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1));

    @Test
    void splitsTrafficByWeightWithinTheBestPriority() {
        Destination a = new Destination(P, "a", 75, 0);
        Destination b = new Destination(P, "b", 25, 0);
        Destination fallback = new Destination(P, "c", 100, 1);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            counts.merge(SelectDestination.pick(List.of(fallback, a, b)).model(), 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey("c");
        assertThat(counts.get("a") / 20_000.0).isBetween(0.72, 0.78);
    }

    @Test
    void zeroWeightsStillServe() {
        assertThat(SelectDestination.pick(List.of(new Destination(P, "only", 0, 0))).model()).isEqualTo("only");
    }
}
