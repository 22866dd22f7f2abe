package dev.lakegate.server.governance.budgets;

import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.Principal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.lake.LakeService;
import dev.lakegate.server.lake.StatementResult;
import dev.lakegate.server.usage.UsageTable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads recorded spend with the lake's own SQL engine (DuckDB over the Delta table's current snapshot), as
 * the gateway itself: an admin that no principal can be. Rows still in the usage recorder's queue or
 * write-ahead log, not yet committed to Delta (up to {@code lake.commit_interval_ms}), are not seen.
 */
public final class UsageSpend implements RecordedSpend {
    private static final Logger LOG = LoggerFactory.getLogger(UsageSpend.class);
    private static final Caller GATEWAY = new Caller(new Principal(0, Lake.SYSTEM_OWNER, PrincipalType.USER, null, true, true), null, Set.of());
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final LakeService lake;

    public UsageSpend(LakeService lake) {
        this.lake = lake;
    }

    @Override
    public List<Row> in(Window window) {
        StatementResult result = lake.execute(sql(window), GATEWAY);
        if (result.truncated()) {
            LOG.warn("recorded spend in {}–{} has more requester and endpoint pairs than one answer holds ({}): seeds count only those",
                    window.start(), window.end(), result.rows().size());
        }
        List<Row> rows = new ArrayList<>(result.rows().size());
        for (List<Object> r : result.rows()) {
            rows.add(new Row((String) r.get(0), PrincipalType.valueOf((String) r.get(1)), (String) r.get(2), ((Number) r.get(3)).longValue()));
        }
        return rows;
    }

    static String sql(Window window) {
        // Rounded per request before summing, exactly as settlement charges each request.
        return "SELECT requester, requester_type, endpoint_name, CAST(sum(round(cost_usd * 1000000)) AS BIGINT) AS micros"
                + " FROM " + UsageTable.NAME
                + " WHERE event_time >= TIMESTAMP '" + timestamp(window.start()) + "' AND event_time < TIMESTAMP '" + timestamp(window.end()) + "'"
                + " AND cost_usd > 0 AND requester IS NOT NULL AND requester_type IS NOT NULL"
                + " GROUP BY requester, requester_type, endpoint_name";
    }

    /** The query engine's session runs in UTC, as event_time is stored. */
    private static String timestamp(Instant at) {
        return TIMESTAMP.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }
}
