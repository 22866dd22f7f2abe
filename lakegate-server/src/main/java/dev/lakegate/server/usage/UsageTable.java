package dev.lakegate.server.usage;

import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.observe.Attempt;
import dev.lakegate.server.observe.RequestRecord;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code system.ai_gateway.usage} (SPEC §4): its DDL, kept once here, and the row of one request in
 * that column order.
 */
public final class UsageTable {
    public static final String NAME = "system.ai_gateway.usage";
    static final int SCHEMA_VERSION = 1;

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

    /** The row of one finished request. */
    static Row row(RequestRecord r) {
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
