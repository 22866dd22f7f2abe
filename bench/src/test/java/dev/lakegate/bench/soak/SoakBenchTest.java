package dev.lakegate.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the soak reads from its clients' counts and from the gateway's GC log. */
class SoakBenchTest {
    @Test
    void laneFailuresCountAgainstTheInjectedFaultsAndEverythingElseIsUnexpected() {
        Map<String, Long> asInjected = Map.of("stream-passthrough.ok", 900L, "stream-passthrough.truncated", 3L, "stream-translation.http-502", 4L,
                "unary-passthrough.http-500", 2L, "injected.http-500", 6L, "injected.reset", 3L);
        Map<String, Long> oneTooMany = Map.of("stream-passthrough.broken", 4L, "injected.http-500", 0L, "injected.reset", 3L);
        Map<String, Long> neverInjected = Map.of("unary-translation.http-400", 1L, "otlp-logs-json.http-500", 1L, "dashboard.io", 1L,
                "unary-passthrough.io", 1L, "injected.http-500", 10L, "injected.reset", 10L);

        assertThat(SoakBench.unexpectedErrors(asInjected)).isZero();
        assertThat(SoakBench.unexpectedErrors(oneTooMany)).isEqualTo(1);
        assertThat(SoakBench.unexpectedErrors(neverInjected)).isEqualTo(4);
    }

    @Test
    void heapAfterGcIsTheLastFullCollectionsGenerationsSummed() {
        String log = """
                [1.9s][info][gc,heap] GC(0) PSYoungGen: 65536K(76288K)->10240K(76288K) Eden: 65536K(65536K)->0K(65536K) From: 0K(10752K)->10240K(10752K)
                [1.9s][info][gc,heap] GC(0) ParOldGen: 0K(175104K)->2048K(175104K)
                [1.9s][info][gc     ] GC(0) Pause Young (Allocation Failure) 64M->12M(245M) 36.251ms
                [61.0s][info][gc,heap] GC(7) PSYoungGen: 40000K(76288K)->0K(76288K) Eden: 40000K(65536K)->0K(65536K) From: 0K(10752K)->0K(10752K)
                [61.0s][info][gc,heap] GC(7) ParOldGen: 120000K(175104K)->30720K(175104K)
                [61.0s][info][gc     ] GC(7) Pause Full (Diagnostic Command) 156M->30M(245M) 147.382ms
                [62.0s][info][gc,heap] GC(8) PSYoungGen: 65536K(76288K)->512K(76288K) Eden: 65536K(65536K)->0K(65536K) From: 0K(10752K)->512K(10752K)
                [62.0s][info][gc,heap] GC(8) ParOldGen: 30720K(175104K)->31744K(175104K)
                [62.0s][info][gc     ] GC(8) Pause Young (Allocation Failure) 94M->31M(245M) 5.1ms
                [121.0s][info][gc,heap] GC(17) PSYoungGen: 30000K(76288K)->1024K(76288K) Eden: 30000K(65536K)->0K(65536K) From: 0K(10752K)->0K(10752K)
                [121.0s][info][gc,heap] GC(17) ParOldGen: 90000K(175104K)->31232K(175104K)
                [121.0s][info][gc     ] GC(17) Pause Full (Diagnostic Command) 116M->31M(245M) 140.0ms
                """;

        assertThat(SoakBench.heapAfterLastFullGcMb(log)).isCloseTo(31.5, within(1e-9));
        assertThat(SoakBench.heapAfterLastFullGcMb(log.substring(0, log.indexOf("[61.0s]")))).isNaN();
    }
}
