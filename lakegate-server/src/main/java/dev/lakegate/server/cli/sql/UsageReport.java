package dev.lakegate.server.cli.sql;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL behind {@code lakegate usage}: requests, tokens and spend from {@code system.ai_gateway.usage},
 * grouped by one dimension. Each report is {@code SELECT <dimension>, <measures> FROM <table> WHERE
 * <filters> GROUP BY <dimension>}. It reads the table, not the daily view {@code usage_daily}, because
 * {@code --since 24h} counts from an hour, not a day; the table's row filter shows non-admins their own.
 *
 * @param since the earliest request counted
 * @param user only this requester's rows, or null for everyone's
 */
record UsageReport(By by, Instant since, String user) {
    static final String TABLE = "system.ai_gateway.usage";
    static final String MEASURES = "count(*) AS requests, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, "
            + "round(sum(cost_usd), 6) AS cost_usd";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What to group by, and the column it is. */
    enum By {
        user("requester"),
        tool("tool"),
        endpoint("endpoint_name"),
        model("destination_model"),
        day("event_date");

        final String column;

        By(String column) {
            this.column = column;
        }
    }

    String sql() {
        List<String> filters = new ArrayList<>();
        // the query engine's session runs in UTC, as event_time is stored
        filters.add("event_time >= TIMESTAMP '" + TIMESTAMP.format(LocalDateTime.ofInstant(since, ZoneOffset.UTC)) + "'");
        if (user != null) {
            filters.add("requester = '" + user.replace("'", "''") + "'");
        }
        String order = by == By.day ? by.column : "cost_usd DESC NULLS LAST, requests DESC, " + by.column;
        return "SELECT " + by.column + ", " + MEASURES + " FROM " + TABLE + " WHERE " + String.join(" AND ", filters)
                + " GROUP BY " + by.column + " ORDER BY " + order;
    }
}
