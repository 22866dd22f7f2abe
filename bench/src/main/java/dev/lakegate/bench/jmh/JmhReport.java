package dev.lakegate.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a JMH JSON result file ({@code -rf json}) as the Markdown table of BENCHMARKS.md, each row with its
 * cost relative to its baseline in the same run: time per operation divided by the baseline's (so 1.0 is the
 * baseline, 20 twenty times its cost). Baselines: {@link SseBenchmark#copy} for the parser, the event gate and the usage tap,
 * {@link SseBenchmark#parse} of the upstream protocol for each translator, {@link GovernanceBenchmark#hashMapLookup}
 * for the governance steps.
 *
 * <p>{@code java -cp lakegate-bench.jar dev.lakegate.bench.jmh.JmhReport <result.json>}
 */
public final class JmhReport {
    private JmhReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JmhReport <jmh-result.json>");
            System.exit(2);
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        results.forEach(r -> byKey.put(key(method(r), params(r)), r));
        System.out.println("| benchmark | parameters | score | error (99.9 %) | unit | cost vs baseline |");
        System.out.println("|---|---|---|---|---|---|");
        for (JsonNode r : results) {
            Map<String, String> params = params(r);
            String baselineKey = baseline(method(r), params);
            JsonNode baseline = baselineKey == null ? null : byKey.get(baselineKey);
            JsonNode metric = r.path("primaryMetric");
            String ratio = baselineKey == null ? "baseline" : baseline == null ? "n/a" : String.format("%.2f", cost(r, baseline));
            System.out.printf("| %s | %s | %s | %s | %s | %s |%n", method(r), String.join(", ", params.values()),
                    number(metric.path("score").asDouble()), number(metric.path("scoreError").asDouble()), metric.path("scoreUnit").asText(),
                    ratio);
        }
    }

    /** {@code SseBenchmark.parse}: the class and method, without the package. */
    private static String method(JsonNode result) {
        String[] parts = result.path("benchmark").asText().split("\\.");
        return parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static Map<String, String> params(JsonNode result) {
        Map<String, String> params = new TreeMap<>();
        result.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        return params;
    }

    /** The key of the row this one is compared with, or null when it is a baseline itself. */
    private static String baseline(String method, Map<String, String> params) {
        return switch (method) {
            case "SseBenchmark.copy", "GovernanceBenchmark.hashMapLookup" -> null;
            case "SseBenchmark.parse", "SseBenchmark.usageTap", "SseBenchmark.eventGate" -> key("SseBenchmark.copy", params);
            case "TranslationBenchmark.translate" -> key("SseBenchmark.parse",
                    Map.of("protocol", params.get("translation").split(">")[0], "reads", params.get("reads")));
            default -> method.startsWith("GovernanceBenchmark.") ? key("GovernanceBenchmark.hashMapLookup", Map.of()) : null;
        };
    }

    private static String key(String method, Map<String, String> params) {
        return method + new TreeMap<>(params);
    }

    /** Time per operation relative to the baseline's, whichever mode each was measured in. */
    private static double cost(JsonNode result, JsonNode baseline) {
        return timePerOp(result) / timePerOp(baseline);
    }

    private static double timePerOp(JsonNode result) {
        double score = result.path("primaryMetric").path("score").asDouble();
        return result.path("mode").asText().equals("thrpt") ? 1 / score : score;
    }

    private static String number(double value) {
        return value >= 100 ? String.format("%,.0f", value) : String.format("%.1f", value);
    }
}
