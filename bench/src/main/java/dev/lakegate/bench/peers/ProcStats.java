package dev.lakegate.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and peak resident memory of a process and its descendants (nginx: master + workers), from
 * {@code /proc}. A process that is gone counts nothing.
 */
public record ProcStats(double cpuSeconds, long peakRssBytes) {
    /** Linux's USER_HZ, the unit of /proc/[pid]/stat times, on every architecture the JDK runs. */
    private static final double TICKS_PER_SECOND = 100;

    static ProcStats of(long pid) {
        double cpu = 0;
        long rss = 0;
        for (long p : withDescendants(pid)) {
            cpu += cpuSeconds(p);
            rss += peakRss(p);
        }
        return new ProcStats(cpu, rss);
    }

    /** utime + stime, fields 14 and 15 of /proc/[pid]/stat (counted after the command name's closing parenthesis). */
    static double cpuSeconds(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat == null) {
            return 0;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** VmHWM of /proc/[pid]/status: the resident set's high-water mark. */
    static long peakRss(long pid) {
        return status(pid, "VmHWM") * 1024;
    }

    /**
     * A numeric field of /proc/[pid]/status, its first number ({@code VmRSS} in kB, {@code Threads});
     * 0 when the process or the field is gone.
     */
    public static long status(long pid, String field) {
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        if (status == null) {
            return 0;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    private static List<Long> withDescendants(long pid) {
        List<Long> all = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> all.add(d.pid())));
        return all;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return null;
        }
    }

    /** What a phase cost: CPU used between two snapshots, the peak as of the later one. */
    ProcStats since(ProcStats before) {
        return new ProcStats(cpuSeconds - before.cpuSeconds, peakRssBytes);
    }
}
