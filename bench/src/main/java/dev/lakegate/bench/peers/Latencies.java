package dev.lakegate.bench.peers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Durations in nanoseconds, up to a minute at 3 significant digits, summarised in milliseconds. */
final class Latencies {
    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);

    void record(long nanos) {
        histogram.recordValue(Math.clamp(nanos, 0, histogram.getHighestTrackableValue()));
    }

    /** Adds another worker's recordings (each worker records into its own, merged at the end). */
    synchronized void add(Latencies other) {
        histogram.add(other.histogram);
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The value at {@code percentile} (0–100), in milliseconds. */
    double ms(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    double maxMs() {
        return histogram.getMaxValue() / 1e6;
    }

    /** count, p50, p99, p99.9 and max in ms, as the generator reports them. */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count());
        m.put("p50", ms(50));
        m.put("p99", ms(99));
        m.put("p999", ms(99.9));
        m.put("max", maxMs());
        return m;
    }
}
