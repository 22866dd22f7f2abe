package dev.lakegate.bench.soak;

import java.util.Map;

/**
 * The gateway process at one moment of the soak.
 *
 * @param minute minutes since the load started
 * @param rssKb VmRSS of /proc/PID/status
 * @param heapAfterGcMb heap in use right after the full GC asked for at this sample (NaN when none was)
 * @param fds entries of /proc/PID/fd
 * @param threads Threads of /proc/PID/status
 * @param counts the clients' outcomes so far, by kind ({@link Tally})
 */
record Sample(double minute, long rssKb, double heapAfterGcMb, long fds, long threads, Map<String, Long> counts) {
    long count(String kind) {
        return counts.getOrDefault(kind, 0L);
    }
}
