package dev.lakegate.server.usage;

import dev.lakegate.lake.delta.Row;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.lake.TableRecorder;
import dev.lakegate.server.observe.GatewayMetrics;
import dev.lakegate.server.observe.RequestListener;
import dev.lakegate.server.observe.RequestRecord;
import java.time.Duration;
import java.util.function.Function;

/**
 * Writes a row to {@code system.ai_gateway.usage} for every request (SPEC §4), except those of endpoints
 * with usage tracking off, through a {@link TableRecorder}: neither a request nor the other listeners ever
 * wait for the disk, and rows lost to a queue that overflowed while the log pushed back are counted in
 * {@code lakegate_table_rows_dropped_total{table="system.ai_gateway.usage"}} and logged.
 */
public final class UsageRecorder implements RequestListener, AutoCloseable {
    private static final int BATCH = 256;

    private final TableRecorder<Row> recorder;

    private UsageRecorder(TableRecorder<Row> recorder) {
        this.recorder = recorder;
    }

    /**
     * Makes sure the usage table (SPEC §4 schema) and its views exist, lets every principal read their own
     * rows, and starts recording into it.
     *
     * @param capacity rows that may wait for the disk before new ones are dropped
     * @param closeTimeout how long {@link #close()} keeps retrying a failing log before it gives up on the rows left
     */
    public static UsageRecorder start(Lake lake, GatewayMetrics metrics, int capacity, Duration closeTimeout) {
        // Rows are made here, on the listener thread: queued records would hold on to their payload captures.
        var target = new TableRecorder.Target<Row>(UsageTable.NAME,
                () -> lake.writers().writer(lake.systemTable(UsageTable.definition()).location()), Function.identity(), row -> 1);
        TableRecorder<Row> recorder = TableRecorder.start(target, new TableRecorder.Budget(capacity, BATCH),
                metrics.droppedRows(UsageTable.NAME), closeTimeout); // opens the writer: the table exists now
        UsageTable.share(lake);
        return new UsageRecorder(recorder);
    }

    @Override
    public void requestEnd(RequestRecord record) {
        if (record.usageTracked()) {
            recorder.offer(UsageTable.row(record));
        }
    }

    /** Writes what is queued (retrying a failing log for up to the close timeout), then stops. */
    @Override
    public void close() {
        recorder.close();
    }
}
