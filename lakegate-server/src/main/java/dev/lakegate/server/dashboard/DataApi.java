package dev.lakegate.server.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.dashboard.charts.AgentRollup;
import dev.lakegate.server.dashboard.charts.Chart;
import dev.lakegate.server.dashboard.charts.ChartCatalogue;
import dev.lakegate.server.dashboard.charts.Params;
import dev.lakegate.server.dashboard.charts.QueryCache;
import dev.lakegate.server.dashboard.charts.Source;
import dev.lakegate.server.dashboard.charts.SqlLiterals;
import dev.lakegate.server.dashboard.charts.TableVersions;
import dev.lakegate.server.dashboard.charts.TelemetryTables;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.budgets.Budget;
import dev.lakegate.server.governance.budgets.BudgetScope;
import dev.lakegate.server.governance.budgets.BudgetView;
import dev.lakegate.server.governance.budgets.Budgets;
import dev.lakegate.server.governance.budgets.Spender;
import dev.lakegate.server.governance.budgets.Usd;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.lake.LakeService;
import dev.lakegate.server.lake.StatementResult;
import dev.lakegate.server.usage.UsageTable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The dashboard's data routes (note 019): the chart catalogue, one chart's answer, the filter
 * menus, the budgets that apply to the reader and what data exists. Every statement runs through
 * {@link LakeService#execute} as the signed-in caller, so privileges and the row filters of the usage
 * and telemetry tables apply exactly as to their own SQL; answers are shared through a
 * {@link QueryCache} keyed by what the reader may see. The routes are not admin-only: the
 * dashboard's handler authenticates the session and passes its caller.
 */
public final class DataApi {
    static final TableName USAGE = TableName.parse(UsageTable.NAME);
    /** Rows an answer holds at most (the engine's own row limit may be lower). */
    static final int MAX_ROWS = 10_000;
    private static final String ADMIN_SCOPE = "admin";
    /** The menus list what is in the range, whatever the other filters are set to. */
    private static final Set<String> RANGE_PARAMS = Set.of("range", "from", "to");

    /** A column of an answer: its name and type name ({@code LONG}, {@code DOUBLE}, {@code STRING}, {@code TIMESTAMP}, …). */
    record Column(@JsonProperty("name") String name, @JsonProperty("type") String type) {}

    /** Why an answer has nothing to draw, and what to do about it. */
    record Empty(@JsonProperty("reason") String reason, @JsonProperty("hint") String hint) {}

    record ChartAnswer(@JsonProperty("id") String id, @JsonProperty("title") String title, @JsonProperty("sql") String sql,
            @JsonProperty("columns") List<Column> columns, @JsonProperty("rows") List<List<Object>> rows,
            @JsonProperty("truncated") boolean truncated, @JsonProperty("elapsed_ms") long elapsedMs,
            @JsonProperty("cached") boolean cached, @JsonProperty("empty") Empty empty) {}

    record CatalogueEntry(@JsonProperty("id") String id, @JsonProperty("page") String page, @JsonProperty("title") String title,
            @JsonProperty("kind") String kind) {}

    /** A result and how long its statement took (the run's time, also when served from the cache). */
    private record Run(StatementResult result, long elapsedMs) {}

    private final LakeService lake;
    private final Budgets budgets;
    private final Function<String, List<String>> groupMembers;
    private final Optional<TelemetryTables> telemetry;
    private final Optional<AgentRollup> rollup;
    private final Clock clock;
    private final ChartCatalogue catalogue = ChartCatalogue.load();
    private final TableVersions versions;
    private final QueryCache<Run> cache;

    private DataApi(Lake lake, Budgets budgets, Function<String, List<String>> groupMembers, Optional<TelemetryTables> telemetry,
            Optional<AgentRollup> rollup, Clock clock) {
        this.lake = lake.service();
        this.budgets = budgets;
        this.groupMembers = groupMembers;
        this.telemetry = telemetry;
        this.rollup = rollup;
        this.clock = clock;
        this.versions = new TableVersions(lake.catalog(), lake.tables(), clock);
        this.cache = new QueryCache<>(512, Duration.ofMinutes(10), clock);
    }

    /**
     * The data routes over {@code lake}; when {@code telemetryTables} is set, shares the telemetry tables' rows
     * with every principal (each their own), makes sure {@link AgentRollup#TABLE} exists and starts catching it up
     * in the background.
     *
     * @param groupMembers the member names of a group, for the spend of group budgets
     * @param telemetryTables {@code dashboard.telemetry_tables}: {@code catalog.schema.prefix}
     * @throws IllegalArgumentException {@code telemetryTables} is not a plain {@code catalog.schema.prefix}
     */
    public static DataApi start(Lake lake, Budgets budgets, Function<String, List<String>> groupMembers, Optional<String> telemetryTables,
            Clock clock) {
        Optional<TelemetryTables> telemetry = telemetryTables.map(TelemetryTables::of);
        telemetry.ifPresent(t -> t.shareRows(lake));
        Optional<AgentRollup> rollup = telemetry.map(t -> AgentRollup.start(lake, t));
        rollup.ifPresent(AgentRollup::catchUpInBackground);
        return new DataApi(lake, budgets, groupMembers, telemetry, rollup, clock);
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute("GET", "/ui/api/charts", false, this::catalogue),
                new ApiRoute("GET", "/ui/api/charts/{id}", false, this::chart),
                new ApiRoute("GET", "/ui/api/filters", false, this::filters),
                new ApiRoute("GET", "/ui/api/budgets", false, this::budgets),
                new ApiRoute("GET", "/ui/api/status", false, this::status));
    }

    private ApiResponse catalogue(ApiRequest request) {
        return ApiResponse.ok(catalogue.all().stream().map(c -> new CatalogueEntry(c.id(), c.page(), c.title(), c.kind())).toList());
    }

    private ApiResponse chart(ApiRequest request) {
        String id = request.pathParams().get("id");
        Chart chart = catalogue.find(id).orElseThrow(() -> new GatewayException(ErrorCategory.NOT_FOUND, "No chart '" + id
                + "': GET /ui/api/charts lists them"));
        return ApiResponse.ok(answer(chart, request.query(), request.caller()));
    }

    private ChartAnswer answer(Chart chart, Map<String, List<String>> query, Caller caller) {
        Params params = Params.parse(query, clock.instant(), caller.principal().admin());
        Map<String, String> fragments = new LinkedHashMap<>();
        List<TableName> reads = List.of(USAGE);
        if (chart.source() == Source.TELEMETRY) {
            if (telemetry.isEmpty()) {
                return emptyAnswer(chart, null, new Empty("NO_TELEMETRY_CONFIG", "Set dashboard.telemetry_tables (e.g. main.telemetry.agents) "
                        + "to the tables `lakegate otel create-tables main.telemetry --prefix agents --create-schema` made, and export "
                        + "with `lakegate agents configure … --telemetry`"));
            }
            TelemetryTables t = telemetry.get();
            for (TableName table : List.of(t.metrics(), t.logs())) {
                if (versions.version(table).equals(TableVersions.ABSENT)) {
                    return emptyAnswer(chart, null, new Empty("TELEMETRY_TABLE_MISSING", "Table " + table + " does not exist: create it with "
                            + "`lakegate otel create-tables " + table.schemaName() + " --prefix " + table.table().replaceFirst("_otel_\\w+$", "")
                            + "`"));
                }
            }
            rollup.orElseThrow().catchUp(Map.of(t.metrics(), versions.number(t.metrics()), t.logs(), versions.number(t.logs())));
            // the sources' versions too: the rollup's may be memoised from before this catch-up
            reads = List.of(t.metrics(), t.logs(), AgentRollup.TABLE);
        }
        List<BudgetLine> lines = List.of();
        if (chart.id().equals("usage.budgets")) {
            lines = budgetLines(caller);
            fragments.put("budgets", budgetValues(lines));
        }
        String sql = params.render(chart.template(), chart.source(), fragments);
        QueryCache.Hit<Run> hit = run(sql, reads, caller);
        StatementResult result = hit.value().result();
        Empty empty = null;
        if (chart.id().equals("usage.budgets") && lines.isEmpty()) {
            empty = new Empty("NO_BUDGETS", caller.principal().admin() ? "No budgets — create one on Admin" : "No budget applies to you");
        } else if (nothing(result)) {
            empty = whyEmpty(chart.source(), params, caller);
        }
        return new ChartAnswer(chart.id(), chart.title(), sql, columns(result), limited(result.rows()),
                result.truncated() || result.rows().size() > MAX_ROWS, hit.value().elapsedMs(), hit.cached(), empty);
    }

    private static ChartAnswer emptyAnswer(Chart chart, String sql, Empty empty) {
        return new ChartAnswer(chart.id(), chart.title(), sql, List.of(), List.of(), false, 0, false, empty);
    }

    /** No rows, or one row of nothing (totals over no rows: a count of 0 and NULL sums). */
    private static boolean nothing(StatementResult r) {
        return r.rows().isEmpty() || r.rows().size() == 1 && r.rows().getFirst().stream()
                .allMatch(v -> v == null || v instanceof Number n && n.doubleValue() == 0);
    }

    /** NO_USAGE / NO_TELEMETRY_ROWS when the reader has no rows at all, else NO_MATCH (the range or filters). */
    private Empty whyEmpty(Source source, Params params, Caller caller) {
        if (source == Source.USAGE ? !usageRowsAny(caller) : !telemetryRowsAny(caller)) {
            return source == Source.USAGE
                    ? new Empty("NO_USAGE", "No requests recorded yet: point an agent here (`lakegate agents configure claude --url … --token …`)")
                    : new Empty("NO_TELEMETRY_ROWS", "No export received in " + telemetry.orElseThrow().prefix() + "_otel_*: check the agents' OTEL_* settings");
        }
        return new Empty("NO_MATCH", params.filters().isEmpty() ? "Nothing in this range" : "Nothing in this range for these filters");
    }

    private ApiResponse filters(ApiRequest request) {
        Caller caller = request.caller();
        boolean admin = caller.principal().admin();
        Map<String, List<String>> range = request.query().entrySet().stream().filter(e -> RANGE_PARAMS.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        String sql = Params.parse(range, clock.instant(), admin).render(catalogue.filtersTemplate(), Source.USAGE, Map.of());
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (String f : List.of("tool", "endpoint", "model")) {
            values.put(f + "s", new ArrayList<>());
        }
        if (admin) {
            values.put("users", new ArrayList<>());
        }
        for (List<Object> row : run(sql, List.of(USAGE), caller).value().result().rows()) {
            List<Object> list = values.get(row.get(0) + "s");
            if (list != null) {
                list.add(row.get(1));
            }
        }
        return ApiResponse.ok(values);
    }

    /** A budget that applies to the reader, for /ui/api/budgets and the usage.budgets chart. */
    private record BudgetLine(BudgetView view, List<String> members) {}

    /** Budgets that count the reader's requests (endpoint budgets: anyone's on that endpoint); admins: all. */
    private List<BudgetLine> budgetLines(Caller caller) {
        boolean admin = caller.principal().admin();
        Spender spender = Spender.of(caller, null);
        return budgets.list().stream()
                .filter(v -> admin || v.budget().scope() == BudgetScope.ENDPOINT || v.budget().appliesTo(spender))
                .map(v -> new BudgetLine(v, v.budget().scope() == BudgetScope.GROUP && !v.budget().subject().equalsIgnoreCase(Budget.EVERYONE)
                        ? groupMembers.apply(v.budget().subject()) : List.of()))
                .toList();
    }

    /** The budgets as the rows of the chart's CTE {@code b}; a typed empty relation when there are none. */
    private static String budgetValues(List<BudgetLine> lines) {
        if (lines.isEmpty()) {
            return "SELECT CAST(NULL AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS scope, CAST(NULL AS VARCHAR) AS subject, "
                    + "CAST([] AS VARCHAR[]) AS members, CAST(NULL AS TIMESTAMP) AS since, CAST(NULL AS DOUBLE) AS limit_usd WHERE false";
        }
        return lines.stream().map(l -> {
            Budget b = l.view().budget();
            return "(" + SqlLiterals.string(b.name()) + ", " + SqlLiterals.string(b.scope().name()) + ", " + SqlLiterals.string(b.subject())
                    + ", " + SqlLiterals.stringList(l.members()) + ", " + SqlLiterals.timestamp(l.view().window().start()) + ", "
                    + SqlLiterals.number(Usd.usd(b.limitMicros())) + ")";
        }).collect(Collectors.joining(", ", "SELECT * FROM (VALUES ", ") AS v(name, scope, subject, members, since, limit_usd)"));
    }

    private ApiResponse budgets(ApiRequest request) {
        boolean admin = request.caller().principal().admin();
        List<Map<String, Object>> out = budgetLines(request.caller()).stream().map(l -> {
            Budget b = l.view().budget();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.name());
            m.put("scope", b.scope().name());
            m.put("subject", b.subject());
            m.put("period", b.period().name());
            m.put("limit_usd", Usd.usd(b.limitMicros()));
            m.put("window_start", l.view().window().start().toString());
            m.put("resets_at", l.view().window().end().toString());
            if (admin) { // the shared counter: everyone's spend, which only admins may see
                m.put("spent_usd", Usd.usd(l.view().counter().spentMicros()));
                m.put("held_usd", Usd.usd(l.view().counter().reservedMicros()));
            }
            return m;
        }).toList();
        return ApiResponse.ok(Map.of("budgets", out));
    }

    private ApiResponse status(ApiRequest request) {
        Caller caller = request.caller();
        Map<String, Object> tel = new LinkedHashMap<>();
        tel.put("configured", telemetry.isPresent());
        tel.put("prefix", telemetry.map(TelemetryTables::prefix).orElse(null));
        Map<String, Boolean> tables = new LinkedHashMap<>();
        telemetry.ifPresent(t -> {
            tables.put("metrics", !versions.version(t.metrics()).equals(TableVersions.ABSENT));
            tables.put("logs", !versions.version(t.logs()).equals(TableVersions.ABSENT));
            tables.put("spans", !versions.version(t.spans()).equals(TableVersions.ABSENT));
        });
        tel.put("tables", tables);
        tel.put("rows_any", telemetry.isPresent() && telemetryRowsAny(caller));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("usage_rows_any", usageRowsAny(caller));
        out.put("telemetry", tel);
        return ApiResponse.ok(out);
    }

    private boolean usageRowsAny(Caller caller) {
        return rowsAny(List.of(USAGE), caller);
    }

    /** Whether the reader has rows in the telemetry metrics or logs table (those that exist). */
    private boolean telemetryRowsAny(Caller caller) {
        TelemetryTables t = telemetry.orElseThrow();
        List<TableName> present = Stream.of(t.metrics(), t.logs()).filter(x -> !versions.version(x).equals(TableVersions.ABSENT)).toList();
        return !present.isEmpty() && rowsAny(present, caller);
    }

    private boolean rowsAny(List<TableName> tables, Caller caller) {
        String sql = tables.stream().map(t -> "SELECT 1 FROM " + t.fullName())
                .collect(Collectors.joining(" UNION ALL ", "SELECT count(*) > 0 AS any FROM (", " LIMIT 1)"));
        return Boolean.TRUE.equals(run(sql, tables, caller).value().result().rows().getFirst().getFirst());
    }

    /** Runs {@code sql} as {@code caller}, or takes the answer of an identical run over the same table versions for the same scope. */
    private QueryCache.Hit<Run> run(String sql, List<TableName> reads, Caller caller) {
        String scope = caller.principal().admin() ? ADMIN_SCOPE : "user:" + caller.principal().name();
        return cache.get(QueryCache.Key.of(sql, scope, versions.of(reads)), () -> {
            long start = System.nanoTime();
            StatementResult result = lake.execute(sql, caller);
            return new Run(result, (System.nanoTime() - start) / 1_000_000);
        });
    }

    private static List<Column> columns(StatementResult r) {
        return r.columns().stream().map(c -> new Column(c.name(), c.typeName())).toList();
    }

    private static List<List<Object>> limited(List<List<Object>> rows) {
        return rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows;
    }
}
