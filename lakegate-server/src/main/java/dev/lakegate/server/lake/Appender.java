package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.AppendResult;
import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends one INSERT's rows in one Delta commit with transaction id {@code (lakegate-sql, n)}. The
 * number {@code n} is the clock in epoch microseconds, kept strictly increasing within the process,
 * so it also increases across restarts. Delta skips a commit whose {@code n} is not above the
 * table's recorded one, and Kernel refuses one that races another commit of the same id; both show
 * as {@link AppendResult.Skipped}, and since an INSERT is new data, not a replay, it is retried with
 * a larger {@code n} (jumping ahead of a gateway whose clock runs ahead) rather than dropped.
 */
final class Appender {
    static final String APP_ID = "lakegate-sql";
    private static final int MAX_ATTEMPTS = 6;

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    Appender(Clock clock) {
        this.clock = clock;
    }

    /** The number of rows appended. */
    long append(DeltaTable table, TableName name, List<Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        long version = next(0);
        for (int attempt = 1; ; attempt++) {
            AppendResult result;
            try {
                result = table.append(rows, APP_ID, version);
            } catch (IllegalArgumentException e) {
                throw LakeErrors.invalid("Cannot insert into " + name + ": " + e.getMessage());
            }
            switch (result) {
                case AppendResult.Committed c -> {
                    return c.rows();
                }
                case AppendResult.Skipped s -> {
                    if (attempt == MAX_ATTEMPTS) {
                        throw new GatewayException(ErrorCategory.UPSTREAM_UNAVAILABLE, "Insert into " + name + " kept conflicting with "
                                + "concurrent writers of transaction id " + APP_ID + "; nothing was written, run it again");
                    }
                    version = next(version + (long) Math.pow(10, attempt + 3));
                }
            }
        }
    }

    /** Above every number handed out before, at least the clock's microseconds and {@code atLeast}. */
    long next(long atLeast) {
        Instant now = clock.instant();
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
        return last.updateAndGet(prev -> Math.max(prev + 1, Math.max(micros, atLeast)));
    }
}
