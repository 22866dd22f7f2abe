package dev.lakegate.bench.lake;

import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.sql.OtelTableDdl;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * SPEC §5's {@code _otel_metrics} table, parsed from the product DDL verbatim, and rows shaped like
 * what Claude Code exports most: a {@code sum} data point (delta temporality) with six data point
 * attributes, a resource with five attributes, and an instrumentation scope.
 */
final class MetricRows {
    private MetricRows() {}

    static final String DDL = OtelTableDdl.forTable("metrics", "bench", "otel", "claude");

    static final Statement.CreateTable CREATE = (Statement.CreateTable) SqlParser.parse(DDL);
    static final StructType SCHEMA = CREATE.table().columns();
    static final Map<String, String> PROPERTIES = CREATE.table().properties();

    private static final String[] METRICS = {"claude_code.token.usage", "claude_code.cost.usage",
        "claude_code.lines_of_code.count", "claude_code.active_time.total"};
    private static final String[] UNITS = {"tokens", "USD", "count", "s"};
    private static final String[] MODELS = {"claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5", "gpt-5"};
    private static final String[] TYPES = {"input", "output", "cacheRead", "cacheCreation"};
    private static final String[] TERMINALS = {"vscode", "iTerm.app", "tmux", "cursor"};

    /** {@code n} distinct rows (users, sessions, models, values, times vary), reproducible from {@code seed}. */
    static List<Row> generate(int n, long seed) {
        Random random = new Random(seed);
        List<Map<String, String>> resources = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            resources.add(attrs("service.name", "claude-code", "service.version", "2.0." + (10 + i % 4),
                    "os.type", i % 3 == 0 ? "linux" : "darwin", "os.version", "24." + (i % 6) + ".0",
                    "host.arch", i % 2 == 0 ? "arm64" : "amd64"));
        }
        Row scope = Row.of("com.anthropic.claude_code", "2.0.14", Map.of(), 0);
        long t0 = 1_764_000_000_000_000_000L;
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int metric = random.nextInt(METRICS.length);
            int user = random.nextInt(200);
            long time = t0 + i * 1_000_000_000L + random.nextInt(1_000_000_000);
            Map<String, String> attributes = attrs(
                    "user.id", "u-" + Integer.toHexString(0x5f3759df * (user + 1)),
                    "session.id", BenchUtil.sessionId(user, random.nextInt(10)),
                    "organization.id", "org-" + (user % 7),
                    "terminal.type", TERMINALS[user % TERMINALS.length],
                    "model", MODELS[random.nextInt(MODELS.length)],
                    "type", TYPES[random.nextInt(TYPES.length)]);
            Row sum = Row.of(time - 60_000_000_000L, time, random.nextDouble() * 5000, List.of(), attributes, 0,
                    "AGGREGATION_TEMPORALITY_DELTA", true);
            Row resource = Row.of(resources.get(user % resources.size()), 0);
            rows.add(Row.of(METRICS[metric], "Counter of " + METRICS[metric], UNITS[metric], "sum",
                    null, sum, null, null, null, null, resource, "", scope, ""));
        }
        return rows;
    }

    private static Map<String, String> attrs(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
