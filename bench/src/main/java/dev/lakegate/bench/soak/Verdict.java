package dev.lakegate.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The soak's verdict from its samples: no error beyond the injected faults, and over the run's second
 * half (the first is warm-up: JIT, caches, the heap's pages touched) file descriptors and threads flat
 * (max − min within a limit), heap after GC and resident memory not growing (least-squares slope within a
 * limit, in MB per minute).
 */
final class Verdict {
    /** What the second half may show; the defaults are those of {@code bench/run-soak.sh}. */
    record Limits(double heapMbPerMinute, double rssMbPerMinute, long fdSpread, long threadSpread) {
        /**
         * Heap after a full GC within 1 MB/min (a leak of one 200-byte object per request at 100 req/s is
         * 1.2 MB/min); RSS within 4 MB/min; descriptors within 2 per concurrent client (each stream holds one
         * socket to the client and one upstream, and samples catch them at different points); 16 threads
         * (the pools' idle threads come and go).
         */
        static Limits defaults(int concurrentClients) {
            return new Limits(1, 4, 2L * concurrentClients, 16);
        }
    }

    /** One line of the verdict. */
    record Check(String what, String figure, String limit, boolean pass) {}

    private Verdict() {}

    /**
     * @param samples every sample of the run, in time order
     * @param unexpectedErrors errors beyond the injected faults
     */
    static List<Check> checks(List<Sample> samples, long unexpectedErrors, Limits limits) {
        List<Sample> half = secondHalf(samples);
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("errors beyond those injected", Long.toString(unexpectedErrors), "0", unexpectedErrors == 0));
        long fds = spread(half, Sample::fds);
        checks.add(new Check("open file descriptors, max − min", Long.toString(fds), "≤ " + limits.fdSpread(), fds <= limits.fdSpread()));
        long threads = spread(half, Sample::threads);
        checks.add(new Check("threads, max − min", Long.toString(threads), "≤ " + limits.threadSpread(), threads <= limits.threadSpread()));
        List<Sample> heap = half.stream().filter(s -> !Double.isNaN(s.heapAfterGcMb())).toList();
        double heapSlope = slope(heap, Sample::heapAfterGcMb);
        checks.add(new Check("heap after full GC, slope MB/min", f2(heapSlope), "≤ " + limits.heapMbPerMinute(),
                heapSlope <= limits.heapMbPerMinute())); // NaN (too few full GCs) fails
        double rssSlope = slope(half, s -> s.rssKb() / 1024.0);
        checks.add(new Check("resident memory (VmRSS), slope MB/min", f2(rssSlope), "≤ " + limits.rssMbPerMinute(),
                rssSlope <= limits.rssMbPerMinute()));
        return checks;
    }

    static boolean passed(List<Check> checks) {
        return checks.stream().allMatch(Check::pass);
    }

    /** The samples taken at or after half the last sample's time. */
    static List<Sample> secondHalf(List<Sample> samples) {
        if (samples.isEmpty()) {
            return samples;
        }
        double middle = samples.getLast().minute() / 2;
        return samples.stream().filter(s -> s.minute() >= middle).toList();
    }

    /** max − min of a whole-number measure; 0 for no samples. */
    static long spread(List<Sample> samples, ToDoubleFunction<Sample> measure) {
        double max = samples.stream().mapToDouble(measure).max().orElse(0);
        double min = samples.stream().mapToDouble(measure).min().orElse(0);
        return Math.round(max - min);
    }

    /** The least-squares slope of {@code measure} against the samples' minutes; NaN with fewer than two distinct times. */
    static double slope(List<Sample> samples, ToDoubleFunction<Sample> measure) {
        int n = samples.size();
        double meanX = samples.stream().mapToDouble(Sample::minute).average().orElse(Double.NaN);
        double meanY = samples.stream().mapToDouble(measure).average().orElse(Double.NaN);
        double sxy = 0;
        double sxx = 0;
        for (Sample s : samples) {
            double dx = s.minute() - meanX;
            sxy += dx * (measure.applyAsDouble(s) - meanY);
            sxx += dx * dx;
        }
        return n < 2 || sxx == 0 ? Double.NaN : sxy / sxx;
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "not measured" : String.format(Locale.ROOT, "%.2f", v);
    }
}
