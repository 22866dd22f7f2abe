package dev.lakegate.bench.lake;

import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.delta.TableSnapshot;
import dev.lakegate.lake.query.QueryPlan;
import dev.lakegate.lake.query.QueryResult;
import dev.lakegate.lake.query.Resolved;
import dev.lakegate.lake.query.SqlEngine;
import dev.lakegate.lake.query.TableScan;
import dev.lakegate.lake.sql.Query;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.server.usage.UsageTable;
import dev.lakegate.lake.sql.Statement;
import io.delta.kernel.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * {@code SELECT event_date, tool, count(*), sum(total_tokens) … GROUP BY event_date, tool} over a
 * SPEC §4 usage table of 10 million rows, run through the gateway's query path (parse with {@code
 * SqlParser}, plan it with the table's snapshot ({@code QueryPlan}), {@code SqlEngine.execute} in a fresh
 * DuckDB sandbox) and, as the baseline in the same run, by one long-lived DuckDB connection over
 * the same Parquet files with {@code read_parquet} (no per-query setup). Runs alternate between the
 * two after a warm-up; both use {@code SqlEngine}'s default threads and memory limit.
 *
 * <p>The table is generated once (ten appends of 1M rows, about a minute or two) into {@code
 * <data>/table} and reused while {@code <data>/COMPLETE} says it holds the asked row count;
 * {@code <data>} is {@code $LAKEGATE_BENCH_DATA} or {@code <tmpdir>/lakegate-bench-data/usage-<rows>}.
 * Values: event_time over 30 days (event_date its UTC date), tool among 8 (skewed), tokens
 * random, plus endpoint, provider, model, requester, status, streaming, cost and latency;
 * request_id, token_id, session_id, user_agent, ip_address, request_tags, error_type,
 * token_details, time_to_first_byte_ms and routing_information are NULL.
 *
 * <p>Usage: {@code UsageQueryBenchmark [--rows N] [--runs N] [--regenerate] [--delete]}.
 */
public final class UsageQueryBenchmark {
    static final StructType SCHEMA = UsageTable.definition().columns();
    static final String SQL = """
            SELECT event_date, tool, count(*) AS requests, sum(total_tokens) AS total_tokens
            FROM system.ai_gateway.usage
            GROUP BY event_date, tool""";

    private static final String[] TOOLS = {"claude-code", "codex", "gemini-cli", "cursor", "aider", "opencode", "cline", "unknown"};
    private static final int[] TOOL_WEIGHTS = {40, 20, 12, 10, 6, 5, 4, 3};
    private static final String[] ENDPOINTS = {"claude-sonnet", "claude-opus", "gpt-5", "gemini-pro"};
    private static final String[][] DESTINATIONS = {{"anthropic", "claude-sonnet-4-5"}, {"anthropic", "claude-opus-4-1"},
        {"openai", "gpt-5"}, {"google", "gemini-2.5-pro"}};
    private static final String[] API_TYPES = {"anthropic/v1/messages", "openai/v1/responses", "openai/v1/chat/completions",
        "gemini/v1beta/generateContent"};
    private static final int ROWS_PER_APPEND = 1_000_000;

    private UsageQueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        long rows = 10_000_000;
        int runs = 20;
        boolean regenerate = false;
        boolean delete = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--regenerate" -> regenerate = true;
                case "--delete" -> delete = true;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + "; usage: [--rows N] [--runs N] [--regenerate] [--delete]");
            }
        }
        String env = System.getenv("LAKEGATE_BENCH_DATA");
        Path data = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("java.io.tmpdir"), "lakegate-bench-data", "usage-" + rows);
        if (delete) {
            BenchUtil.deleteRecursively(data);
            System.out.println("Deleted " + data);
            return;
        }
        DeltaTables tables = new DeltaTables();
        String location = data.resolve("table").toString();
        Path complete = data.resolve("COMPLETE");
        if (regenerate || !Files.exists(complete) || !Files.readString(complete).strip().equals(String.valueOf(rows))) {
            BenchUtil.deleteRecursively(data);
            Files.createDirectories(data);
            generate(tables, location, rows);
            Files.writeString(complete, rows + "\n");
            System.gc(); // the generated rows are garbage now: collect them before timing anything
            Thread.sleep(2_000);
        } else {
            System.out.println("Reusing the table in " + data + " (--regenerate rebuilds it, --delete removes it)");
        }
        TableSnapshot snapshot = tables.open(location).snapshot();
        System.out.printf("Usage table: %,d rows, %d Parquet files, %s, Delta version %d; %d cores; %s; %s%n%n", rows,
                snapshot.files().size(), BenchUtil.mib(BenchUtil.size(snapshot.files())), snapshot.version(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), BenchUtil.loadAverage());
        query(tables, location, snapshot, runs, rows);
    }

    private static void generate(DeltaTables tables, String location, long rows) {
        DeltaTable table = tables.create(location, SCHEMA, Map.of());
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(2025);
        long t0 = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli() * 1000;
        long spanMicros = 30L * 86_400 * 1_000_000;
        int version = 0;
        for (long from = 0; from < rows; from += ROWS_PER_APPEND) {
            int n = (int) Math.min(ROWS_PER_APPEND, rows - from);
            List<Row> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long micros = t0 + (from + i) * spanMicros / rows + random.nextLong(60_000_000);
                Instant time = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
                LocalDate date = LocalDate.ofInstant(time, ZoneOffset.UTC);
                int d = random.nextInt(DESTINATIONS.length);
                int user = random.nextInt(300);
                long in = 200 + random.nextLong(60_000);
                long out = 10 + random.nextLong(4_000);
                boolean ok = random.nextInt(100) < 97;
                batch.add(Row.of(null, time, date, ENDPOINTS[d], DESTINATIONS[d][0], DESTINATIONS[d][1], API_TYPES[d],
                        "user" + user + "@example.com", user < 280 ? "USER" : "SERVICE_PRINCIPAL", null, tool(random),
                        "1." + random.nextInt(5) + ".0", null, null, null, null, random.nextInt(10) < 8,
                        ok ? 200 : 429, null, in, out, in + out, null, false, (in * 3 + out * 15) / 1e6,
                        200L + random.nextLong(30_000), null, null, 1));
            }
            table.append(batch, "bench-generate", ++version);
            System.out.printf("  appended %,d of %,d rows (%.0f s)%n", from + n, rows, (System.nanoTime() - start) / 1e9);
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("Generated %,d usage rows in %d appends in %.0f s (%,.0f rows/s, row building included)%n", rows,
                version, s, rows / s);
    }

    private static String tool(SplittableRandom random) {
        int r = random.nextInt(100);
        for (int i = 0; i < TOOLS.length; i++) {
            if (r < TOOL_WEIGHTS[i]) return TOOLS[i];
            r -= TOOL_WEIGHTS[i];
        }
        return TOOLS[TOOLS.length - 1];
    }

    private static void query(DeltaTables tables, String location, TableSnapshot snapshot, int runs, long rows) throws Exception {
        SqlEngine.Options options = SqlEngine.Options.defaults();
        SqlEngine engine = new SqlEngine(options);
        Properties p = new Properties();
        p.setProperty("memory_limit", options.memoryLimit());
        p.setProperty("threads", String.valueOf(options.threads()));
        String direct = SQL.replace("system.ai_gateway.usage", BenchUtil.readParquet(snapshot.files()));
        long[] gateway = new long[runs];
        long[] setup = new long[runs];
        long[] duck = new long[runs];
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:", p)) {
            for (int i = -3; i < runs; i++) { // three warm-up runs each
                long t0 = System.nanoTime();
                Statement.Select select = (Statement.Select) SqlParser.parse(SQL);
                Query q = select.query();
                QueryPlan plan = QueryPlan.of(q, ref -> new Resolved.Table(TableScan.all(tables.open(location).snapshot())));
                long t1 = System.nanoTime();
                QueryResult r = engine.execute(plan);
                long t2 = System.nanoTime();
                long[] totals = totals(r);
                long t3 = System.nanoTime();
                long[] baseline = duckdb(c, direct);
                long t4 = System.nanoTime();
                if (totals[0] != rows || baseline[0] != rows || totals[1] != baseline[1] || r.rows().size() != baseline[2]) {
                    throw new IllegalStateException("results differ: gateway " + java.util.Arrays.toString(totals)
                            + " / " + r.rows().size() + " groups, DuckDB " + java.util.Arrays.toString(baseline));
                }
                if (i >= 0) {
                    gateway[i] = t2 - t0;
                    setup[i] = t1 - t0;
                    duck[i] = t4 - t3;
                }
            }
        }
        long[] g = BenchUtil.sorted(gateway);
        long[] s = BenchUtil.sorted(setup);
        long[] d = BenchUtil.sorted(duck);
        System.out.printf("%d runs each, alternating, after 3 warm-up runs each; result: %d groups%n%n", runs, 30 * 8);
        System.out.println("| case | p50 ms | p95 ms | max ms | ratio p50 | ratio p95 |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.printf("| baseline: DuckDB read_parquet, one long-lived connection | %.0f | %.0f | %.0f | 1 | 1 |%n",
                BenchUtil.percentileMillis(d, 50), BenchUtil.percentileMillis(d, 95), d[d.length - 1] / 1e6);
        System.out.printf("| gateway: SqlParser + Delta snapshot + SqlEngine sandbox | %.0f | %.0f | %.0f | %.2f | %.2f |%n",
                BenchUtil.percentileMillis(g, 50), BenchUtil.percentileMillis(g, 95), g[g.length - 1] / 1e6,
                BenchUtil.percentileMillis(g, 50) / BenchUtil.percentileMillis(d, 50),
                BenchUtil.percentileMillis(g, 95) / BenchUtil.percentileMillis(d, 95));
        System.out.printf("| of which parse + open + snapshot | %.0f | %.0f | %.0f | | |%n",
                BenchUtil.percentileMillis(s, 50), BenchUtil.percentileMillis(s, 95), s[s.length - 1] / 1e6);
        System.out.println("\nAt the end: " + BenchUtil.loadAverage());
    }

    /** {count, sum of tokens} over all groups of a gateway result. */
    private static long[] totals(QueryResult r) {
        long count = 0;
        long tokens = 0;
        for (List<Object> row : r.rows()) {
            count += ((Number) row.get(2)).longValue();
            tokens += ((Number) row.get(3)).longValue();
        }
        return new long[] {count, tokens};
    }

    /** Runs the query on the long-lived connection, reading every row; {count, tokens, groups}. */
    private static long[] duckdb(Connection c, String sql) throws Exception {
        long count = 0;
        long tokens = 0;
        long groups = 0;
        try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rs.getObject(1);
                rs.getString(2);
                count += rs.getLong(3);
                tokens += ((Number) rs.getObject(4)).longValue();
                groups++;
            }
        }
        return new long[] {count, tokens, groups};
    }
}
