package dev.lakegate.bench.lake;

import java.util.Arrays;

/**
 * The lake benchmarks behind {@code bench/run-lake.sh}: {@code append [rows-per-case]},
 * {@code latency [seconds]}, {@code query [--rows N] [--runs N] [--regenerate] [--delete]}, or
 * {@code all} (each with its defaults).
 */
public final class LakeBench {
    private LakeBench() {}

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (which) {
            case "append" -> AppendBenchmark.main(rest);
            case "latency" -> AckLatencyBenchmark.main(rest);
            case "query" -> UsageQueryBenchmark.main(rest);
            case "all" -> {
                AppendBenchmark.main(new String[0]);
                System.out.println();
                AckLatencyBenchmark.main(new String[0]);
                System.out.println();
                UsageQueryBenchmark.main(new String[0]);
            }
            default -> {
                System.err.println("usage: run-lake.sh [append [rows-per-case] | latency [seconds]"
                        + " | query [--rows N] [--runs N] [--regenerate] [--delete] | all]");
                System.exit(2);
            }
        }
    }
}
