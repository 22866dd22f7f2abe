package dev.lakegate.server.dashboard.charts;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.DeltaTables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest Delta version of the tables the dashboard reads, part of {@link QueryCache}'s key:
 * memoised {@link #MEMO} per table, so a page's charts cost one log read, and a commit is seen
 * within that time. A version is {@code <location>@<n>}, so a table dropped and created again
 * never repeats an old one; {@code absent} for a table that does not exist (yet).
 */
public final class TableVersions {
    static final Duration MEMO = Duration.ofSeconds(1);
    public static final String ABSENT = "absent";

    private record Seen(String version, Instant at) {}

    private final Catalog catalog;
    private final DeltaTables delta;
    private final Clock clock;
    private final Map<TableName, Seen> seen = new ConcurrentHashMap<>();

    public TableVersions(Catalog catalog, DeltaTables delta, Clock clock) {
        this.catalog = catalog;
        this.delta = delta;
        this.clock = clock;
    }

    /** Table name to version, in the order given. */
    public Map<String, String> of(List<TableName> tables) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (TableName t : tables) {
            versions.put(t.fullName(), version(t));
        }
        return versions;
    }

    public String version(TableName table) {
        Instant now = clock.instant();
        Seen s = seen.get(table);
        if (s == null || !s.at().plus(MEMO).isAfter(now)) {
            s = new Seen(read(table), now);
            seen.put(table, s);
        }
        return s.version();
    }

    /** The Delta version number of {@link #version}: -1 for a table that does not exist. */
    public long number(TableName table) {
        String v = version(table);
        return v.equals(ABSENT) ? -1 : Long.parseLong(v.substring(v.lastIndexOf('@') + 1));
    }

    private String read(TableName table) {
        Optional<TableInfo> info = catalog.getTable(table);
        if (info.isEmpty() || !delta.exists(info.get().location())) {
            return ABSENT;
        }
        return info.get().location() + "@" + delta.open(info.get().location()).snapshot().version();
    }
}
