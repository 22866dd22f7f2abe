package dev.lakegate.server.cli.demo;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.otel.Otlp;
import dev.lakegate.lake.otel.OtlpEncoding;
import dev.lakegate.lake.otel.OtlpSignal;
import dev.lakegate.lake.sql.OtelTableDdl;
import dev.lakegate.lake.wal.BackPressureException;
import dev.lakegate.lake.wal.DurableTableWriter;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.cli.DemoConfig;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.observe.Agent;
import dev.lakegate.server.observe.Attempt;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.usage.PriceTable;
import dev.lakegate.server.usage.Pricing;
import dev.lakegate.server.usage.UsageTable;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A deterministic week of demo traffic for the dashboard (design note 019): usage rows exactly as the
 * gateway records them ({@link UsageTable#row}, costs from {@link PriceTable} and {@link Pricing#cost}) and
 * the coding agents' telemetry for the same sessions, mapped by the OTLP receiver's own code ({@link Otlp#decode})
 * with {@code lakegate.principal} on every resource. Rows go through the tables' durable writers (as the usage
 * recorder and the OTLP receiver write) in appends of {@value #APPEND_ROWS} rows.
 */
public final class DemoData {
    /** Demo users; the first of each group is an admin. */
    public static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin", "frank",
            "grace", "heidi", "ivan", "judy", "kim", "lena");
    public static final List<String> ADMINS = List.of("alice", "grace");
    /** Group name → members. */
    public static final Map<String, List<String>> GROUPS = Map.of(
            "platform", USERS.subList(0, 6),
            "mobile", USERS.subList(6, 12));
    /** Where the agents' telemetry goes: {@code <prefix>_otel_metrics|_logs|_spans}, as {@code dashboard.telemetry_tables}. */
    public static final String TELEMETRY_CATALOG = "main";
    public static final String TELEMETRY_SCHEMA = "telemetry";
    public static final String TELEMETRY_PREFIX = "agents";
    public static final String TELEMETRY_TABLES = TELEMETRY_CATALOG + "." + TELEMETRY_SCHEMA + "." + TELEMETRY_PREFIX;
    public static final int DEFAULT_USAGE_ROWS = 20_000;
    public static final int DEFAULT_TELEMETRY_ROWS = 40_000;
    static final int APPEND_ROWS = 100_000;
    /** Data points or log records per OTLP request decoded at once. */
    private static final int OTLP_CHUNK = 5_000;

    /** Tool → share of requests in percent, and what its requests look like. */
    record Tool(String name, int percent, String version, String userAgent, String apiType, boolean streaming,
            List<String> endpoints, int[] endpointWeights) {}

    static final List<Tool> TOOLS = List.of(
            new Tool("claude-code", 45, "2.1.197", "claude-cli/2.1.197 (external, cli)", "anthropic/v1/messages", true,
                    List.of("claude-sonnet", "claude-opus", "claude-haiku"), new int[] {70, 15, 15}),
            new Tool("codex-cli", 25, "0.171.0", "codex_cli_rs/0.171.0 (Debian 13; x86_64) xterm", "codex/v1/responses", true,
                    List.of("gpt-5", "gpt-5-mini"), new int[] {70, 30}),
            new Tool("gemini-cli", 15, "0.61.0", "GeminiCLI/0.61.0 (linux; x64)", "gemini/streamGenerateContent", true,
                    List.of("gemini-2.5-pro", "gemini-2.5-flash"), new int[] {60, 40}),
            new Tool("cursor", 10, null, "Cursor/1.7.44", "cursor/v1/chat/completions", true,
                    List.of("claude-sonnet", "gpt-5"), new int[] {50, 50}),
            new Tool("sdk", 5, "1.109.1", "OpenAI/Python 1.109.1", "openai/v1/chat/completions", false,
                    List.of("gpt-5-mini", "claude-haiku"), new int[] {50, 50}));

    /** What the demo writes: the counts, and the tables. */
    public record Written(long usageRows, long metricRows, long logRows) {
        public long telemetryRows() {
            return metricRows + logRows;
        }
    }

    private DemoData() {}

    /**
     * Writes {@code usageRows} usage rows and {@code telemetryRows} telemetry rows (metrics and logs) for the
     * week ending at {@code now}, unless the usage table already holds rows (a restarted demo keeps its data).
     * Creates catalog {@code main}, schema {@code main.telemetry} and the three OTel tables as {@code lakegate
     * otel create-tables main.telemetry --create-schema} does. Returns when every row is committed.
     *
     * @param admin an admin, who creates the telemetry tables
     * @return what was written; zeros when the usage table had rows
     */
    public static Written write(Lake lake, Caller admin, long seed, int usageRows, int telemetryRows, Instant now) {
        if (usageRows < 0 || telemetryRows < 0) {
            throw new IllegalArgumentException("row counts must not be negative");
        }
        createTelemetryTables(lake, admin);
        DurableTableWriter usage = usageWriter(lake);
        usage.flush(); // rows a previous run left in the log count as rows
        if (!lake.tables().open(usageLocation(lake)).snapshot().files().isEmpty()) {
            return new Written(0, 0, 0);
        }
        appendUsage(lake, usageRecords(seed, usageRows, now));
        long[] counts = appendTelemetry(lake, telemetry(seed, telemetryRows, now));
        return new Written(usageRows, counts[0], counts[1]);
    }

    /** {@code CREATE CATALOG/SCHEMA IF NOT EXISTS} and the product's DDL of the three OTel tables, run as {@code admin}. */
    public static void createTelemetryTables(Lake lake, Caller admin) {
        run(lake, admin, "CREATE CATALOG IF NOT EXISTS " + TELEMETRY_CATALOG);
        run(lake, admin, "CREATE SCHEMA IF NOT EXISTS " + TELEMETRY_CATALOG + "." + TELEMETRY_SCHEMA);
        for (String kind : List.of("metrics", "logs", "spans")) {
            run(lake, admin, OtelTableDdl.forTable(kind, TELEMETRY_CATALOG, TELEMETRY_SCHEMA, TELEMETRY_PREFIX)
                    .replaceFirst("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS "));
        }
    }

    private static void run(Lake lake, Caller admin, String sql) {
        lake.service().execute(sql, admin);
    }

    /** Appends the usage rows of these requests, as the usage recorder would write them, and waits for the commit. */
    public static long appendUsage(Lake lake, Iterator<RequestRecord> records) {
        DurableTableWriter writer = usageWriter(lake);
        long n = appendAll(writer, mapped(records, UsageTable::row));
        writer.flush();
        return n;
    }

    /**
     * Appends OTLP export requests to {@code <TELEMETRY_TABLES>_otel_metrics} / {@code _otel_logs}, mapped as the OTLP
     * receiver maps them, and waits for the commits.
     *
     * @return the metric rows and log rows written
     */
    public static long[] appendTelemetry(Lake lake, Iterator<Export> exports) {
        Batcher metrics = new Batcher(telemetryWriter(lake, "metrics"));
        Batcher logs = new Batcher(telemetryWriter(lake, "logs"));
        while (exports.hasNext()) {
            switch (exports.next()) {
                case Export.Metrics m -> metrics.add(Otlp.decode(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, m.request().toByteArray()).rows());
                case Export.Logs l -> logs.add(Otlp.decode(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, l.request().toByteArray()).rows());
            }
        }
        return new long[] {metrics.finish(), logs.finish()};
    }

    /** One OTLP export request, as an agent would send it. */
    public sealed interface Export {
        record Metrics(ExportMetricsServiceRequest request) implements Export {}

        record Logs(ExportLogsServiceRequest request) implements Export {}
    }

    private static DurableTableWriter usageWriter(Lake lake) {
        return lake.writers().writer(usageLocation(lake));
    }

    private static String usageLocation(Lake lake) {
        return lake.systemTable(UsageTable.definition()).location();
    }

    private static DurableTableWriter telemetryWriter(Lake lake, String kind) {
        var name = TableName.parse(TELEMETRY_TABLES + "_otel_" + kind);
        return lake.writers().writer(lake.catalog().getTable(name).orElseThrow().location());
    }

    /** Gathers rows into appends of {@value #APPEND_ROWS}. */
    private static final class Batcher {
        private final DurableTableWriter writer;
        private final List<Row> pending = new ArrayList<>(APPEND_ROWS);
        private long written;

        Batcher(DurableTableWriter writer) {
            this.writer = writer;
        }

        void add(List<Row> rows) {
            for (Row row : rows) {
                pending.add(row);
                if (pending.size() == APPEND_ROWS) {
                    drain();
                }
            }
        }

        private void drain() {
            if (!pending.isEmpty()) {
                write(writer, pending);
                written += pending.size();
                pending.clear();
            }
        }

        long finish() {
            drain();
            writer.flush();
            return written;
        }
    }

    private static long appendAll(DurableTableWriter writer, Iterator<Row> rows) {
        Batcher batcher = new Batcher(writer);
        List<Row> chunk = new ArrayList<>();
        while (rows.hasNext()) {
            chunk.add(rows.next());
            if (chunk.size() == APPEND_ROWS) {
                batcher.add(chunk);
                chunk.clear();
            }
        }
        batcher.add(chunk);
        return batcher.finish();
    }

    /** One append, waiting out the log's back-pressure (it is committing the previous appends). */
    private static void write(DurableTableWriter writer, List<Row> rows) {
        while (true) {
            try {
                writer.write(rows);
                return;
            } catch (BackPressureException e) {
                try {
                    Thread.sleep(Math.max(50, e.retryAfter().toMillis()));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing demo rows", interrupted);
                }
            }
        }
    }

    private static <A, B> Iterator<B> mapped(Iterator<A> in, Function<A, B> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public B next() {
                return f.apply(in.next());
            }
        };
    }

    // ---- usage ----

    /** The demo's {@code n} requests, in a deterministic order for the seed. */
    public static Iterator<RequestRecord> usageRecords(long seed, int n, Instant now) {
        SplittableRandom random = new SplittableRandom(seed);
        Week week = new Week(now);
        return generator(n, () -> request(random, week, seed));
    }

    private static RequestRecord request(SplittableRandom r, Week week, long seed) {
        Instant time = week.sample(r);
        String user = user(r);
        Tool tool = TOOLS.get(pick(r, TOOLS.stream().mapToInt(Tool::percent).toArray()));
        String endpoint = tool.endpoints().get(pick(r, tool.endpointWeights()));
        String model = DemoConfig.SCRIPTED_ENDPOINTS.get(endpoint);
        String destination = "scripted/" + model;
        Pricing price = PriceTable.defaults().find(model).orElse(null);
        String session = session(seed, user, tool.name(), time);
        String requestId = uuid(r);
        int outcome = r.nextInt(1000);
        // ~3 % errors: refusals before any upstream (429, 403), upstream failures (502), agents gone (499)
        if (outcome < 17) {
            boolean limited = outcome < 12;
            return new RequestRecord(requestId, time, endpoint, null, null, tool.apiType(), user, "USER", tokenId(user),
                    agent(tool, session), tool.userAgent(), ip(user), Map.of(), tool.streaming(),
                    limited ? 429 : 403, limited ? "RATE_LIMITED" : "BUDGET_EXCEEDED", Usage.NONE, null,
                    1 + r.nextInt(8), 1L + r.nextInt(8), 0, false, List.of(), true, null);
        }
        Usage usage = usage(r, tool);
        long latency = 600 + r.nextLong(Math.max(1, usage.outputTokens() * 12));
        long ttfb = 150 + r.nextLong(1_500);
        if (outcome < 25) { // upstream error: nothing served, nothing charged
            return new RequestRecord(requestId, time, endpoint, "scripted", model, tool.apiType(), user, "USER", tokenId(user),
                    agent(tool, session), tool.userAgent(), ip(user), Map.of(), tool.streaming(), 502, "UPSTREAM_ERROR",
                    Usage.NONE, cost(price, Usage.NONE), ttfb, ttfb, 0, false,
                    List.of(new Attempt(1, destination, 502, "UPSTREAM_ERROR", ttfb)), true, null);
        }
        if (outcome < 30) { // the agent went away before the answer began
            Usage estimated = Usage.estimate(usage.inputTokens() * 4, 0);
            return new RequestRecord(requestId, time, endpoint, "scripted", model, tool.apiType(), user, "USER", tokenId(user),
                    agent(tool, session), tool.userAgent(), ip(user), Map.of(), tool.streaming(), 499, "CLIENT_DISCONNECTED",
                    estimated, cost(price, estimated), ttfb, null, 0, true,
                    List.of(new Attempt(1, destination, 200, null, ttfb)), true, null);
        }
        List<Attempt> attempts = List.of(new Attempt(1, destination, 200, null, latency));
        if (outcome < 50) { // 2 % fallbacks: the first destination is overloaded, the second answers
            long first = 80 + r.nextLong(400);
            attempts = List.of(new Attempt(1, destination, 529, "OVERLOADED", first), new Attempt(2, destination, 200, null, latency));
            latency += first;
            ttfb += first;
        }
        return new RequestRecord(requestId, time, endpoint, "scripted", model, tool.apiType(), user, "USER", tokenId(user),
                agent(tool, session), tool.userAgent(), ip(user), Map.of(), tool.streaming(), 200, null,
                usage, cost(price, usage), latency, tool.streaming() ? ttfb : latency, 0, false, attempts, true, null);
    }

    /** As the gateway prices a request: the destination's price of its usage, null when the model has none. */
    private static Double cost(Pricing price, Usage usage) {
        return price == null ? null : price.cost(usage);
    }

    private static Usage usage(SplittableRandom r, Tool tool) {
        long input = 1_500 + (long) (Math.exp(r.nextDouble() * 4.0) * 1_200); // 2.7k .. 67k, most small
        long output = 40 + (long) (Math.exp(r.nextDouble() * 3.5) * 60);
        return switch (tool.name()) {
            case "claude-code" -> {
                long read = input * (55 + r.nextInt(35)) / 100;
                long write = r.nextInt(4) == 0 ? Math.min(input - read, 500 + r.nextLong(4_000)) : 0;
                yield new Usage(input, output, read, write, 0, false);
            }
            case "codex-cli" -> new Usage(input, output, input * (40 + r.nextInt(40)) / 100, 0, output / 3, false);
            case "gemini-cli" -> new Usage(input, output, input * r.nextInt(50) / 100, 0, output / 4, false);
            default -> new Usage(input / 2, output, 0, 0, 0, false);
        };
    }

    private static Agent agent(Tool tool, String session) {
        // Cursor and the SDKs send no session header.
        return new Agent(tool.name(), tool.version(), tool.name().equals("cursor") || tool.name().equals("sdk") ? null : session);
    }

    private static String tokenId(String user) {
        return "demo-" + user;
    }

    private static String ip(String user) {
        return "10.0." + (USERS.indexOf(user) / 6) + "." + (10 + USERS.indexOf(user));
    }

    /** Users are not equally busy: weights 12, 11, … 1. */
    private static String user(SplittableRandom r) {
        int[] weights = new int[USERS.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = USERS.size() - i;
        }
        return USERS.get(pick(r, weights));
    }

    /** A session lasts the two-hour block a request falls in: its id is the same for the user's tool in that block. */
    static String session(long seed, String user, String tool, Instant time) {
        long block = time.getEpochSecond() / 7_200;
        long h = seed * 0x9E3779B97F4A7C15L ^ user.hashCode() * 31L ^ tool.hashCode() * 1_000_003L ^ block * 0xC2B2AE3D27D4EB4FL;
        SplittableRandom r = new SplittableRandom(h);
        return uuid(r);
    }

    private static String uuid(SplittableRandom r) {
        String hex = HexFormat.of().toHexDigits(r.nextLong()) + HexFormat.of().toHexDigits(r.nextLong());
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-a" + hex.substring(17, 20) + "-"
                + hex.substring(20, 32);
    }

    static int pick(SplittableRandom r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    /** The seven days before {@code now}: weekdays busy between 08:00 and 19:00 UTC, nights and weekends quiet. */
    record Week(Instant now) {
        static final Duration LENGTH = Duration.ofDays(7);

        Instant sample(SplittableRandom r) {
            long span = LENGTH.toMillis();
            while (true) {
                Instant t = now.minusMillis(1 + r.nextLong(span));
                if (r.nextDouble() < weight(t)) {
                    return t;
                }
            }
        }

        /** Relative activity at {@code t}, at most 1. */
        static double weight(Instant t) {
            ZonedDateTime z = t.atZone(ZoneOffset.UTC);
            double hour = z.getHour() + z.getMinute() / 60.0;
            double day = 0.08 + 0.92 * Math.exp(-Math.pow(hour - 13.5, 2) / (2 * 3.2 * 3.2));
            return switch (z.getDayOfWeek()) {
                case SATURDAY, SUNDAY -> 0.2 * day;
                default -> day;
            };
        }
    }

    // ---- telemetry ----

    /** Tools that export telemetry, by their share of requests. */
    private static final List<Tool> TELEMETRY_TOOLS = TOOLS.subList(0, 3);

    /**
     * The agents' exports for {@code rows} rows in all (metric data points plus log records), one interaction
     * of one session at a time, grouped into OTLP requests of about {@value #OTLP_CHUNK} rows.
     */
    public static Iterator<Export> telemetry(long seed, int rows, Instant now) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Week week = new Week(now);
        return new Iterator<>() {
            private int left = rows;
            private final List<Item> carry = new ArrayList<>();

            @Override
            public boolean hasNext() {
                return left > 0 || !carry.isEmpty();
            }

            @Override
            public Export next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Item> metrics = new ArrayList<>();
                List<Item> logs = new ArrayList<>();
                for (Item item : carry) {
                    (item.metric() != null ? metrics : logs).add(item);
                }
                carry.clear();
                while (left > 0 && metrics.size() < OTLP_CHUNK && logs.size() < OTLP_CHUNK) {
                    List<Item> items = interaction(random, week, seed);
                    for (Item item : items.subList(0, Math.min(items.size(), left))) {
                        (item.metric() != null ? metrics : logs).add(item);
                    }
                    left -= Math.min(items.size(), left);
                }
                // One signal per request: the other's items wait for the next one.
                if (metrics.size() >= logs.size()) {
                    carry.addAll(logs);
                    return new Export.Metrics(metricRequest(metrics));
                }
                carry.addAll(metrics);
                return new Export.Logs(logRequest(logs));
            }
        };
    }

    /** A metric data point or a log record of one agent, whose resource names the agent and the user. */
    private record Item(String service, String version, String user, Metric metric, LogRecord log) {}

    private static List<Item> interaction(SplittableRandom r, Week week, long seed) {
        Instant time = week.sample(r);
        String user = user(r);
        Tool tool = TELEMETRY_TOOLS.get(pick(r, TELEMETRY_TOOLS.stream().mapToInt(Tool::percent).toArray()));
        String endpoint = tool.endpoints().get(pick(r, tool.endpointWeights()));
        String session = session(seed, user, tool.name(), time);
        Usage usage = usage(r, tool);
        long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano();
        Map<String, String> common = Map.of("session.id", session, "user.id", userId(user), "terminal.type", "xterm");
        List<Item> items = new ArrayList<>();
        switch (tool.name()) {
            case "claude-code" -> {
                String service = "claude-code";
                Consumer<Metric> m = metric -> items.add(new Item(service, tool.version(), user, metric, null));
                if (r.nextInt(20) == 0) {
                    m.accept(sum("claude_code.session.count", nanos, 1, common, "start_type", "fresh"));
                }
                Pricing price = PriceTable.defaults().find(DemoConfig.SCRIPTED_ENDPOINTS.get(endpoint)).orElseThrow();
                m.accept(sum("claude_code.cost.usage", nanos, price.cost(usage), common, "model", endpoint, "query_source", "main"));
                m.accept(sum("claude_code.token.usage", nanos, usage.inputTokens() - usage.cacheReadTokens() - usage.cacheCreationTokens(),
                        common, "model", endpoint, "type", "input"));
                m.accept(sum("claude_code.token.usage", nanos, usage.outputTokens(), common, "model", endpoint, "type", "output"));
                m.accept(sum("claude_code.token.usage", nanos, usage.cacheReadTokens(), common, "model", endpoint, "type", "cacheRead"));
                m.accept(sum("claude_code.token.usage", nanos, usage.cacheCreationTokens(), common, "model", endpoint, "type", "cacheCreation"));
                m.accept(sum("claude_code.active_time.total", nanos, 2 + r.nextDouble() * 40, common, "type", r.nextInt(3) == 0 ? "user" : "cli"));
                if (r.nextInt(3) == 0) {
                    m.accept(sum("claude_code.lines_of_code.count", nanos, 1 + r.nextInt(80), common, "type", "added", "model", endpoint));
                    m.accept(sum("claude_code.lines_of_code.count", nanos, r.nextInt(30), common, "type", "removed", "model", endpoint));
                    m.accept(sum("claude_code.code_edit_tool.decision", nanos, 1, common, "tool_name", r.nextBoolean() ? "Edit" : "Write",
                            "decision", r.nextInt(100) < 88 ? "accept" : "reject", "source", "user_temporary", "language", "Java"));
                }
                if (r.nextInt(25) == 0) {
                    m.accept(sum("claude_code.commit.count", nanos, 1, common));
                }
                if (r.nextInt(120) == 0) {
                    m.accept(sum("claude_code.pull_request.count", nanos, 1, common));
                }
                items.add(new Item(service, tool.version(), user, null, event(nanos, "claude_code.api_request", "api_request", common,
                        "model", endpoint, "cost_usd", String.valueOf(price.cost(usage)), "duration_ms", String.valueOf(800 + r.nextInt(20_000)),
                        "input_tokens", String.valueOf(usage.inputTokens()), "output_tokens", String.valueOf(usage.outputTokens()),
                        "cache_read_tokens", String.valueOf(usage.cacheReadTokens()),
                        "cache_creation_tokens", String.valueOf(usage.cacheCreationTokens()))));
                if (r.nextBoolean()) {
                    items.add(new Item(service, tool.version(), user, null, event(nanos, "claude_code.tool_decision", "tool_decision", common,
                            "tool_name", r.nextBoolean() ? "Bash" : "Edit", "decision", r.nextInt(100) < 90 ? "accept" : "reject",
                            "source", "config")));
                }
            }
            case "codex-cli" -> {
                String service = "codex_cli_rs";
                Map<String, String> codex = Map.of("conversation.id", session, "user.email", user + "@example.com",
                        "terminal.type", "xterm", "model", DemoConfig.SCRIPTED_ENDPOINTS.get(endpoint), "app.version", tool.version());
                if (r.nextInt(15) == 0) {
                    items.add(new Item(service, tool.version(), user, null, event(nanos, "codex.conversation_starts", "codex.conversation_starts",
                            codex, "provider_name", "lakegate", "approval_policy", "on-request", "sandbox_policy", "workspace-write")));
                }
                items.add(new Item(service, tool.version(), user, null, event(nanos, "codex.api_request", "codex.api_request", codex,
                        "attempt", "1", "duration_ms", String.valueOf(700 + r.nextInt(15_000)), "http.response.status_code", "200")));
                if (r.nextBoolean()) {
                    int d = r.nextInt(100);
                    String decision = d < 60 ? "approved" : d < 80 ? "approved_for_session" : d < 95 ? "denied" : "abort";
                    items.add(new Item(service, tool.version(), user, null, event(nanos, "codex.tool_decision", "codex.tool_decision", codex,
                            "tool_name", "shell", "call_id", "call_" + Long.toHexString(r.nextLong()), "decision", decision, "source", "user")));
                }
            }
            default -> {
                String service = "gemini-cli";
                Map<String, String> gemini = Map.of("session.id", session, "installation.id", userId(user), "user.email", user + "@example.com");
                Consumer<Metric> m = metric -> items.add(new Item(service, tool.version(), user, metric, null));
                String model = DemoConfig.SCRIPTED_ENDPOINTS.get(endpoint);
                if (r.nextInt(20) == 0) {
                    m.accept(sum("gemini_cli.session.count", nanos, 1, gemini));
                }
                m.accept(sum("gemini_cli.token.usage", nanos, usage.inputTokens() - usage.cacheReadTokens(), gemini, "model", model, "type", "input"));
                m.accept(sum("gemini_cli.token.usage", nanos, usage.outputTokens(), gemini, "model", model, "type", "output"));
                m.accept(sum("gemini_cli.token.usage", nanos, usage.reasoningTokens(), gemini, "model", model, "type", "thought"));
                m.accept(sum("gemini_cli.token.usage", nanos, usage.cacheReadTokens(), gemini, "model", model, "type", "cache"));
                if (r.nextInt(3) == 0) {
                    m.accept(sum("gemini_cli.lines.changed", nanos, 1 + r.nextInt(60), gemini, "type", "added"));
                    m.accept(sum("gemini_cli.lines.changed", nanos, r.nextInt(25), gemini, "type", "removed"));
                }
            }
        }
        return items;
    }

    private static String userId(String user) {
        return HexFormat.of().toHexDigits((long) user.hashCode() * 0x9E3779B97F4A7C15L);
    }

    /** One agent's metrics, as the agent run by {@code user} exports them (resource as {@link #resource}). */
    public static Export metrics(String service, String version, String user, List<Metric> metrics) {
        return new Export.Metrics(metricRequest(metrics.stream().map(m -> new Item(service, version, user, m, null)).toList()));
    }

    /** One agent's log events, as the agent run by {@code user} exports them. */
    public static Export logs(String service, String version, String user, List<LogRecord> events) {
        return new Export.Logs(logRequest(events.stream().map(l -> new Item(service, version, user, null, l)).toList()));
    }

    /**
     * A monotonic delta sum of one data point over the minute before {@code nanos}, as the agents export them.
     *
     * @param attributes more attributes, as key, value, key, value…
     */
    public static Metric sum(String name, long nanos, double value, Map<String, String> common, String... attributes) {
        NumberDataPoint.Builder point = NumberDataPoint.newBuilder()
                .setStartTimeUnixNano(nanos - 60_000_000_000L).setTimeUnixNano(nanos).setAsDouble(value);
        common.forEach((k, v) -> point.addAttributes(kv(k, v)));
        for (int i = 0; i < attributes.length; i += 2) {
            point.addAttributes(kv(attributes[i], attributes[i + 1]));
        }
        return Metric.newBuilder().setName(name).setSum(Sum.newBuilder().addDataPoints(point)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA).setIsMonotonic(true)).build();
    }

    /** A log event: body = the record's name, attribute {@code event.name} (how Claude Code and Codex name their events). */
    public static LogRecord event(long nanos, String body, String eventName, Map<String, String> common, String... attributes) {
        LogRecord.Builder log = LogRecord.newBuilder().setTimeUnixNano(nanos).setObservedTimeUnixNano(nanos)
                .setBody(AnyValue.newBuilder().setStringValue(body)).addAttributes(kv("event.name", eventName))
                .addAttributes(kv("event.timestamp", Instant.ofEpochSecond(0, nanos).toString()));
        common.forEach((k, v) -> log.addAttributes(kv(k, v)));
        for (int i = 0; i < attributes.length; i += 2) {
            log.addAttributes(kv(attributes[i], attributes[i + 1]));
        }
        return log.build();
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    /** The resource of an agent run by a user: {@code lakegate.principal} as the OTLP receiver stamps it. */
    private static Resource resource(Item item) {
        return Resource.newBuilder().addAttributes(kv("service.name", item.service())).addAttributes(kv("service.version", item.version()))
                .addAttributes(kv("os.type", "linux")).addAttributes(kv("host.arch", "amd64"))
                .addAttributes(kv("lakegate.principal", item.user())).build();
    }

    private static ExportMetricsServiceRequest metricRequest(List<Item> items) {
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        for (Item item : items) {
            request.addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource(item)).addScopeMetrics(ScopeMetrics.newBuilder()
                    .setScope(InstrumentationScope.newBuilder().setName(item.service()).setVersion(item.version())).addMetrics(item.metric())));
        }
        return request.build();
    }

    private static ExportLogsServiceRequest logRequest(List<Item> items) {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        for (Item item : items) {
            request.addResourceLogs(ResourceLogs.newBuilder().setResource(resource(item)).addScopeLogs(ScopeLogs.newBuilder()
                    .setScope(InstrumentationScope.newBuilder().setName(item.service()).setVersion(item.version())).addLogRecords(item.log())));
        }
        return request.build();
    }

    private static <T> Iterator<T> generator(int n, Supplier<T> make) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public T next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                i++;
                return make.get();
            }
        };
    }
}
