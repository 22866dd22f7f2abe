package dev.lakegate.server.usage;

import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.observe.Attempt;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.observe.RequestRecord;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code system.ai_gateway.usage} (SPEC §4): its DDL, kept once here, the row of one request in
 * that column order, who reads which rows, and the views over it.
 */
public final class UsageTable {
    public static final String NAME = "system.ai_gateway.usage";
    static final int SCHEMA_VERSION = 1;
    /** Whose row it is: every principal reads the rows naming them (admins read all). */
    static final String OWNER_COLUMN = "requester";

    /**
     * Daily totals per requester, tool, endpoint and model, the grain the dashboard rolls up from
     * (docs/usage.md lists the columns). Sums, never averages or distinct counts, so that any
     * coarser grouping of these rows is still right. {@code errors} counts every request with an
     * {@code error_type} (refusals, upstream failures, broken-off streams); {@code cost_usd} is the
     * known cost, and {@code unpriced_requests} those that reached a model without a known price.
     */
    static final String DAILY = """
            CREATE OR REPLACE VIEW system.ai_gateway.usage_daily
            COMMENT 'Requests, errors, tokens and cost (USD) per day (UTC), requester, tool, endpoint and model'
            AS SELECT event_date, requester, tool, endpoint_name, destination_model,
              count(*) AS requests,
              count(*) FILTER (WHERE error_type IS NOT NULL) AS errors,
              CAST(coalesce(sum(input_tokens), 0) AS BIGINT) AS input_tokens,
              CAST(coalesce(sum(output_tokens), 0) AS BIGINT) AS output_tokens,
              CAST(coalesce(sum(total_tokens), 0) AS BIGINT) AS total_tokens,
              CAST(coalesce(sum(token_details.cache_read_input_tokens), 0) AS BIGINT) AS cache_read_input_tokens,
              CAST(coalesce(sum(token_details.cache_creation_input_tokens), 0) AS BIGINT) AS cache_creation_input_tokens,
              CAST(coalesce(sum(token_details.output_reasoning_tokens), 0) AS BIGINT) AS output_reasoning_tokens,
              coalesce(sum(cost_usd), 0) AS cost_usd,
              count(*) FILTER (WHERE cost_usd IS NULL AND destination_provider IS NOT NULL) AS unpriced_requests
            FROM system.ai_gateway.usage
            GROUP BY event_date, requester, tool, endpoint_name, destination_model""";
    /** {@link #DAILY}'s columns as DuckDB binds them (UsageDailyViewTest checks). */
    static final String DAILY_COLUMNS = """
            event_date DATE, requester STRING, tool STRING, endpoint_name STRING, destination_model STRING,
            requests BIGINT, errors BIGINT, input_tokens BIGINT, output_tokens BIGINT, total_tokens BIGINT,
            cache_read_input_tokens BIGINT, cache_creation_input_tokens BIGINT, output_reasoning_tokens BIGINT,
            cost_usd DOUBLE, unpriced_requests BIGINT""";

    private static final String DDL = """
            CREATE TABLE system.ai_gateway.usage (
              request_id STRING, event_time TIMESTAMP, event_date DATE,
              endpoint_name STRING, destination_provider STRING, destination_model STRING, api_type STRING,
              requester STRING, requester_type STRING, token_id STRING,
              tool STRING, tool_version STRING, session_id STRING, user_agent STRING, ip_address STRING,
              request_tags MAP<STRING, STRING>, streaming BOOLEAN, status_code INT, error_type STRING,
              input_tokens LONG, output_tokens LONG, total_tokens LONG,
              token_details STRUCT<cache_read_input_tokens: LONG, cache_creation_input_tokens: LONG, output_reasoning_tokens: LONG>,
              tokens_estimated BOOLEAN, cost_usd DOUBLE, latency_ms LONG, time_to_first_byte_ms LONG,
              routing_information STRUCT<attempts: ARRAY<STRUCT<priority: INT, destination: STRING, status_code: INT,
                error_code: STRING, latency_ms: LONG>>>,
              schema_version INT
            ) USING DELTA COMMENT 'One row per request through the gateway, whatever its outcome'""";

    private UsageTable() {}

    /** The table as the catalog creates it. */
    public static NewTable definition() {
        return ((Statement.CreateTable) SqlParser.parse(DDL)).table();
    }

    /**
     * Lets every principal read their own rows and the views, which are (re)created here; the table
     * must exist.
     */
    static void share(Lake lake) {
        lake.shareRows(TableName.parse(NAME), OWNER_COLUMN);
        lake.systemView(DAILY, DAILY_COLUMNS);
    }

    /** The row of one finished request. */
    public static Row row(RequestRecord r) {
        Usage u = r.usage();
        List<Row> attempts = r.attempts().stream().map(UsageTable::attempt).toList();
        return Row.of(r.requestId(), r.eventTime(), LocalDate.ofInstant(r.eventTime(), ZoneOffset.UTC),
                r.endpointName(), r.destinationProvider(), r.destinationModel(), r.apiType(),
                r.requester(), r.requesterType(), r.tokenId(),
                r.agent().tool(), r.agent().version(), r.agent().sessionId(), r.userAgent(), r.ipAddress(),
                r.requestTags(), r.streaming(), r.statusCode(), r.errorType(),
                u.inputTokens(), u.outputTokens(), u.totalTokens(),
                Row.of(u.cacheReadTokens(), u.cacheCreationTokens(), u.reasoningTokens()),
                u.estimated(), r.costUsd(), r.latencyMs(), r.timeToFirstByteMs(),
                Row.of(attempts),
                SCHEMA_VERSION);
    }

    private static Row attempt(Attempt a) {
        return Row.of(a.priority(), a.destination(), a.statusCode(), a.errorCode(), a.latencyMs());
    }
}
