package dev.lakegate.bench.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Percentiles, file sizes, row counts, generated ids: what the benchmarks share. */
public final class BenchUtil {
    private BenchUtil() {}

    /** Nearest-rank percentile ({@code p} in 0..100) of nanosecond samples, in milliseconds. */
    public static double percentileMillis(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    public static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    static long size(List<String> files) {
        long total = 0;
        for (String f : files) {
            try {
                total += Files.size(Path.of(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    /** {@code read_parquet([...])} of local files, for DuckDB. */
    static String readParquet(List<String> files) {
        return files.stream().map(f -> "'" + f.replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "read_parquet([", "])"));
    }

    /** Rows in these Parquet files, counted by DuckDB (outside any timing). */
    public static long countRows(List<String> files) {
        if (files.isEmpty()) return 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + readParquet(files))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1/5/15-minute load averages: other work on the machine skews every figure. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    /** A UUID-shaped session id, the same for the same user and session number. */
    public static String sessionId(int user, int session) {
        long h = (user * 1_000_003L + session) * 0x9E3779B97F4A7C15L;
        String hex = String.format("%016x%016x", h, Long.rotateLeft(h, 17) ^ 0x5DEECE66DL);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }
}
