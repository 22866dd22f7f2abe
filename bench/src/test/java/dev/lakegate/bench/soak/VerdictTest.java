package dev.lakegate.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The soak's verdict: slopes and spreads over the second half, and no error beyond the injected faults. */
class VerdictTest {
    private static final Verdict.Limits LIMITS = new Verdict.Limits(1, 4, 100, 16);

    /** Samples every 10 s for {@code minutes}; heap and RSS (MB) and fds from the sample's index. */
    private static List<Sample> run(int minutes, IntToDoubleFunction heapMb, IntToDoubleFunction rssMb, IntToDoubleFunction fds) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= minutes * 6; i++) {
            samples.add(new Sample(i / 6.0, Math.round(rssMb.applyAsDouble(i) * 1024), heapMb.applyAsDouble(i), Math.round(fds.applyAsDouble(i)),
                    40 + i % 3, Map.of()));
        }
        return samples;
    }

    private static boolean pass(List<Verdict.Check> checks, String what) {
        return checks.stream().filter(c -> c.what().startsWith(what)).findFirst().orElseThrow().pass();
    }

    @Test
    void slopeIsTheLeastSquaresFitInUnitsPerMinute() {
        List<Sample> line = run(4, i -> 50 + 3 * (i / 6.0), i -> 300, i -> 100);
        List<Sample> noisy = run(4, i -> 50 + (i % 2 == 0 ? 5 : -5), i -> 300, i -> 100);

        assertThat(Verdict.slope(line, Sample::heapAfterGcMb)).isCloseTo(3, within(1e-9));
        assertThat(Math.abs(Verdict.slope(noisy, Sample::heapAfterGcMb))).isLessThan(0.5);
        assertThat(Verdict.slope(line.subList(0, 1), Sample::heapAfterGcMb)).isNaN();
    }

    @Test
    void onlyTheSecondHalfIsJudged() {
        // Memory and descriptors climb for the first half (warm-up), then stay flat.
        List<Sample> samples = run(10, i -> Math.min(i, 30) + 20, i -> Math.min(i, 30) * 5 + 200, i -> Math.min(i, 30) * 10 + 50);

        assertThat(Verdict.secondHalf(samples)).allMatch(s -> s.minute() >= 5).hasSize(31);
        List<Verdict.Check> checks = Verdict.checks(samples, 0, LIMITS);
        assertThat(Verdict.passed(checks)).as("%s", checks).isTrue();
    }

    @Test
    void aGrowingHeapFailsAndSoDoesAGrowingRssOrFdCount() {
        List<Sample> heapLeak = run(10, i -> 40 + 2 * (i / 6.0), i -> 300, i -> 100);
        List<Sample> rssLeak = run(10, i -> 40, i -> 300 + 6 * (i / 6.0), i -> 100);
        List<Sample> fdLeak = run(10, i -> 40, i -> 300, i -> 100 + 5 * i);

        assertThat(pass(Verdict.checks(heapLeak, 0, LIMITS), "heap")).isFalse();
        assertThat(pass(Verdict.checks(heapLeak, 0, LIMITS), "resident")).isTrue();
        assertThat(pass(Verdict.checks(rssLeak, 0, LIMITS), "resident")).isFalse();
        assertThat(pass(Verdict.checks(fdLeak, 0, LIMITS), "open file")).isFalse();
        assertThat(pass(Verdict.checks(fdLeak, 0, LIMITS), "threads")).isTrue();
    }

    @Test
    void withoutAFullGcTheHeapIsNotMeasuredAndFails() {
        List<Verdict.Check> checks = Verdict.checks(run(4, i -> Double.NaN, i -> 300, i -> 100), 0, LIMITS);

        assertThat(pass(checks, "heap")).isFalse();
        assertThat(checks).anySatisfy(c -> assertThat(c.figure()).isEqualTo("not measured"));
    }

    @Test
    void anyErrorBeyondTheInjectedOnesFails() {
        List<Sample> flat = run(4, i -> 40, i -> 300, i -> 100);

        assertThat(Verdict.passed(Verdict.checks(flat, 0, LIMITS))).isTrue();
        assertThat(Verdict.passed(Verdict.checks(flat, 1, LIMITS))).isFalse();
    }
}
