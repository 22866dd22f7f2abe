package dev.lakegate.server.dashboard.charts;

import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.AppendResult;
import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.delta.TableSnapshot;
import dev.lakegate.lake.query.QueryResult;
import dev.lakegate.lake.query.SqlEngine;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import dev.lakegate.server.lake.Lake;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code system.ai_gateway.agent_hourly} (note 019, "Caching"): the agent telemetry the Coding agents charts
 * use, summed per hour and dimension, so they read a few thousand rows instead of every OTel point with its
 * MAP lookups. Refreshed incrementally: the telemetry tables are append-only, so the rows a source added since
 * the version last rolled up are exactly the data files its latest version has and that version had not. That
 * version is the watermark, committed in the same Delta commit as the rows it covers (the {@code txn} action,
 * app id {@code agent_hourly:<source>}) and only while it is still the one the catch-up started from, so a
 * crash loses nothing, and a replay or another gateway's concurrent catch-up is skipped, never doubled.
 *
 * <p>An hour can get more rows later, so a key may hold several rows: readers {@code sum(value)} (DELTA
 * sums, events) or take {@code max(value)} per series and start (CUMULATIVE sums), which stays right over
 * any split. Every principal reads only the rows they own ({@code principal}), like the telemetry tables.
 */
public final class AgentRollup {
    public static final TableName TABLE = TableName.parse("system.ai_gateway.agent_hourly");
    /** The metric sums the agents charts use; other metrics are not rolled up. */
    static final List<String> METRICS = List.of("claude_code.session.count", "gemini_cli.session.count", "claude_code.active_time.total",
            "claude_code.lines_of_code.count", "gemini_cli.lines.changed", "claude_code.commit.count", "claude_code.pull_request.count",
            "claude_code.code_edit_tool.decision", "claude_code.cost.usage", "claude_code.token.usage", "gemini_cli.token.usage");
    /** The log events the agents charts count. */
    static final List<String> EVENTS = List.of("codex.conversation_starts", "codex.tool_decision");

    private static final Logger LOG = LoggerFactory.getLogger(AgentRollup.class);
    private static final String DDL = """
            CREATE TABLE system.ai_gateway.agent_hourly (
              hour TIMESTAMP, principal STRING, tool STRING, source STRING, name STRING,
              model STRING, type STRING, decision STRING, series STRING, series_start LONG,
              value DOUBLE, points LONG, last_time TIMESTAMP
            ) USING DELTA
            COMMENT 'Agent telemetry per hour for the dashboard: metric sums (source metric) and event counts (source event)'""";
    /** The tool of a row, from its resource's {@code service.name} (as the usage table names tools). */
    private static final String TOOL = """
            CASE WHEN resource.attributes['service.name'] LIKE 'claude-code%' THEN 'claude-code'
                     WHEN resource.attributes['service.name'] LIKE 'codex%' THEN 'codex-cli'
                     WHEN resource.attributes['service.name'] = 'gemini-cli' THEN 'gemini-cli'
                     ELSE resource.attributes['service.name'] END""";
    private static final String HOUR_US = "%s // 3600000000000 * 3600000000";
    /**
     * Metric sums of one source's new files. A CUMULATIVE series (its attributes and resource, hashed, and its
     * start) keeps its largest value and last point per hour; DELTA points are summed.
     */
    private static final String METRIC_SQL = """
            SELECT hour, principal, tool, 'metric', name, model, type, decision, series, series_start,
              CASE WHEN series IS NULL THEN sum(v) ELSE max(v) END, count(*), max(ns) // 1000
            FROM (SELECT %s AS hour, resource.attributes['lakegate.principal'] AS principal, %s AS tool, name,
                sum.attributes['model'] AS model, sum.attributes['type'] AS type,
                CASE WHEN name = 'claude_code.code_edit_tool.decision' THEN
                  CASE sum.attributes['decision'] WHEN 'accept' THEN 'accept' WHEN 'reject' THEN 'reject' END END AS decision,
                CASE WHEN cumulative THEN md5(coalesce(CAST(sum.attributes AS VARCHAR), '') || '|'
                  || coalesce(CAST(resource.attributes AS VARCHAR), '')) END AS series,
                CASE WHEN cumulative THEN sum.start_time_unix_nano END AS series_start,
                sum.value AS v, sum.time_unix_nano AS ns
              FROM (SELECT *, sum.aggregation_temporality = 'AGGREGATION_TEMPORALITY_CUMULATIVE' AS cumulative FROM %s)
              WHERE metric_type = 'sum' AND name IN (%s))
            GROUP BY hour, principal, tool, name, model, type, decision, series, series_start""";
    /** Log events of one source's new files, by their time (else the time they were observed). */
    private static final String EVENT_SQL = """
            SELECT hour, principal, tool, 'event', event_name, model, NULL, decision, NULL, NULL, count(*), count(*), NULL
            FROM (SELECT %s AS hour, resource.attributes['lakegate.principal'] AS principal, %s AS tool, event_name,
                attributes['model'] AS model,
                CASE WHEN event_name = 'codex.tool_decision' THEN
                  CASE WHEN attributes['decision'] LIKE 'approved%%' THEN 'accept'
                       WHEN attributes['decision'] IN ('denied', 'abort') THEN 'reject' END END AS decision
              FROM %s WHERE event_name IN (%s))
            GROUP BY ALL""";

    private final Lake lake;
    private final TelemetryTables telemetry;
    private final DeltaTable rollup;
    private final SqlEngine engine = new SqlEngine(new SqlEngine.Options(Integer.MAX_VALUE, Duration.ofMinutes(10), "1GB",
            Runtime.getRuntime().availableProcessors(), 1));
    /** Per source: the version rolled up, as last seen (another gateway may have gone further). */
    private final Map<TableName, Long> rolledUp = new ConcurrentHashMap<>();
    private final Object catchingUp = new Object();

    private AgentRollup(Lake lake, TelemetryTables telemetry, DeltaTable rollup) {
        this.lake = lake;
        this.telemetry = telemetry;
        this.rollup = rollup;
    }

    /** Makes sure the table exists and shares its rows (each principal their own); nothing is rolled up yet. */
    public static AgentRollup start(Lake lake, TelemetryTables telemetry) {
        TableInfo info = lake.systemTable(definition());
        lake.shareRows(TABLE, "principal");
        return new AgentRollup(lake, telemetry, lake.tables().open(info.location()));
    }

    static NewTable definition() {
        return ((Statement.CreateTable) SqlParser.parse(DDL)).table();
    }

    /** Catches up on a daemon thread (at start: what the gateway received while it was down, or everything). */
    public void catchUpInBackground() {
        Thread.ofPlatform().daemon().name("lakegate-agent-rollup").start(() -> {
            try {
                catchUp(Map.of());
            } catch (RuntimeException e) {
                LOG.error("Rolling up agent telemetry into {} failed; the next Coding agents chart retries", TABLE, e);
            }
        });
    }

    /**
     * Rolls up what the telemetry tables added, unless each source's version in {@code seen} (table → Delta
     * version, -1 when absent; a source missing from the map is always checked) is already rolled up. One
     * catch-up at a time: callers arriving meanwhile wait for it, then find nothing left to do.
     */
    public void catchUp(Map<TableName, Long> seen) {
        if (sources().stream().allMatch(t -> seen.containsKey(t) && seen.get(t) <= rolledUp.getOrDefault(t, -1L))) {
            return;
        }
        synchronized (catchingUp) {
            for (TableName source : sources()) {
                if (!seen.containsKey(source) || seen.get(source) > rolledUp.getOrDefault(source, -1L)) {
                    catchUp(source);
                }
            }
        }
    }

    private List<TableName> sources() {
        return List.of(telemetry.metrics(), telemetry.logs());
    }

    static String appId(TableName source) {
        return "agent_hourly:" + source.fullName();
    }

    private void catchUp(TableName source) {
        Optional<TableInfo> info = lake.catalog().getTable(source);
        if (info.isEmpty() || !lake.tables().exists(info.get().location())) {
            return;
        }
        long started = System.nanoTime();
        DeltaTable table = lake.tables().open(info.get().location());
        TableSnapshot now = table.snapshot();
        Optional<Long> watermark = rollup.transactionVersion(appId(source));
        long from = watermark.orElse(-1L);
        if (now.version() <= from) {
            rolledUp.put(source, from);
            return;
        }
        Set<String> before = from < 0 ? Set.of() : new HashSet<>(table.filesAt(from));
        if (!now.files().containsAll(before)) {
            throw new IllegalStateException(source + " lost data files between versions " + from + " and " + now.version()
                    + " (rewritten or compacted), so its rows cannot be rolled up incrementally; as an admin, DROP TABLE " + TABLE
                    + " and restart the gateway to roll everything up again");
        }
        List<String> added = now.files().stream().filter(f -> !before.contains(f)).toList();
        List<Row> rows = added.isEmpty() ? List.of() : aggregate(source, new TableSnapshot(now.location(), now.version(), now.schema(),
                now.properties(), added));
        // Only over the watermark read: another gateway's catch-up meanwhile makes this one commit nothing.
        if (rollup.appendAfter(rows, appId(source), watermark, now.version()) instanceof AppendResult.Skipped) {
            LOG.info("Another catch-up rolled up {} meanwhile; the next chart catches up from there", source);
            rolledUp.remove(source);
            return;
        }
        rolledUp.put(source, now.version());
        LOG.info("Rolled up {} versions {}..{} ({} new files) into {} rows of {} in {} ms", source, from + 1, now.version(), added.size(),
                rows.size(), TABLE, (System.nanoTime() - started) / 1_000_000);
    }

    private List<Row> aggregate(TableName source, TableSnapshot added) {
        boolean metrics = source.equals(telemetry.metrics());
        String sql = metrics
                ? METRIC_SQL.formatted(HOUR_US.formatted("sum.time_unix_nano"), TOOL, source.fullName(), quoted(METRICS))
                : EVENT_SQL.formatted(HOUR_US.formatted("coalesce(nullif(time_unix_nano, 0), observed_time_unix_nano)"), TOOL,
                        source.fullName(), quoted(EVENTS));
        QueryResult result = engine.query(sql, name -> name.equalsIgnoreCase(source.fullName()) ? added : null);
        return result.rows().stream().map(r -> Row.of(micros(r.get(0)), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
                r.get(7), r.get(8), r.get(9), ((Number) r.get(10)).doubleValue(), ((Number) r.get(11)).longValue(), micros(r.get(12))))
                .toList();
    }

    private static Instant micros(Object value) {
        if (value == null) {
            return null;
        }
        long us = ((Number) value).longValue();
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000), Math.floorMod(us, 1_000_000) * 1_000L);
    }

    private static String quoted(List<String> names) {
        return names.stream().map(SqlLiterals::string).collect(Collectors.joining(", "));
    }
}
