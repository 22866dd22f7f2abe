package dev.lakegate.server.usage;

import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.wal.BackPressureException;
import dev.lakegate.lake.wal.DurableTableWriter;
import dev.lakegate.lake.wal.WalException;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.observe.GatewayMetrics;
import dev.lakegate.server.observe.RequestListener;
import dev.lakegate.server.observe.RequestRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a row to {@code system.ai_gateway.usage} for every request (SPEC §4), except those of endpoints
 * with usage tracking off. Rows wait in a bounded queue and go to the table's durable writer in small
 * batches from the recorder's own thread, so neither a request nor the other listeners ever wait for
 * the disk. When the write-ahead log pushes back or fails, the batch is retried with back-off; rows
 * are lost only when the queue overflows meanwhile, counted in {@code lakegate_usage_rows_dropped_total}
 * and logged.
 */
public final class UsageRecorder implements RequestListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);
    private static final int BATCH = 256;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration DROP_LOG_INTERVAL = Duration.ofSeconds(10);

    private final Lake lake;
    private final GatewayMetrics metrics;
    private final int capacity;
    private final BlockingQueue<Row> queue;
    private final Duration closeTimeout;
    private final AtomicLong droppedSinceLog = new AtomicLong();
    private volatile long lastDropLog = System.nanoTime() - DROP_LOG_INTERVAL.toNanos();
    private volatile boolean closing;
    private volatile long giveUpAt;
    private DurableTableWriter writer; // the recorder thread's alone once started
    private final Thread thread;

    private UsageRecorder(Lake lake, GatewayMetrics metrics, int capacity, Duration closeTimeout) {
        this.lake = lake;
        this.metrics = metrics;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.closeTimeout = closeTimeout;
        this.writer = openWriter();
        UsageTable.share(lake);
        this.thread = Thread.ofPlatform().name("lakegate-usage").daemon().start(this::run);
    }

    /**
     * Makes sure the usage table (SPEC §4 schema) and its views exist, lets every principal read their own
     * rows, and starts recording into it.
     *
     * @param capacity rows that may wait for the disk before new ones are dropped
     * @param closeTimeout how long {@link #close()} keeps retrying a failing log before it gives up on the rows left
     */
    public static UsageRecorder start(Lake lake, GatewayMetrics metrics, int capacity, Duration closeTimeout) {
        return new UsageRecorder(lake, metrics, capacity, closeTimeout);
    }

    @Override
    public void requestEnd(RequestRecord record) {
        if (!record.usageTracked()) {
            return;
        }
        if (!queue.offer(UsageTable.row(record))) {
            dropped(1, "the queue of " + capacity + " rows is full: the write-ahead log is not keeping up");
        }
    }

    /** Writes what is queued (retrying a failing log for up to the close timeout), then stops. */
    @Override
    public void close() {
        giveUpAt = System.nanoTime() + closeTimeout.toNanos();
        closing = true;
        try {
            thread.join(closeTimeout.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Row> batch = new ArrayList<>(BATCH);
        while (true) {
            Row first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Row> batch) {
        long backoffMs = 100;
        while (true) {
            long waitMs;
            try {
                writer.write(batch);
                return;
            } catch (BackPressureException e) {
                waitMs = e.retryAfter().toMillis();
            } catch (WalException e) {
                LOG.warn("usage rows could not be logged, retrying in {} ms: {}", backoffMs, e.getMessage());
                waitMs = backoffMs;
            } catch (IllegalStateException e) {
                // The table's writer was retired: an admin dropped the table. It is recreated, as on start.
                LOG.warn("the usage table's writer is closed ({}); recreating {}", e.getMessage(), UsageTable.NAME);
                waitMs = backoffMs;
                writer = reopenedWriter();
            } catch (IllegalArgumentException e) {
                LOG.error("usage rows do not fit {}", UsageTable.NAME, e); // a bug, not the disk: retrying cannot help
                dropped(batch.size(), "they do not fit the table");
                return;
            }
            if (closing && System.nanoTime() - giveUpAt > 0) {
                dropped(batch.size(), "the gateway is stopping and the write-ahead log keeps failing");
                return;
            }
            sleep(waitMs);
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
        }
    }

    private DurableTableWriter openWriter() {
        return lake.writers().writer(lake.systemTable(UsageTable.definition()).location());
    }

    /** The writer of the table as it is now, or the old one (to fail and retry again) while it cannot be opened. */
    private DurableTableWriter reopenedWriter() {
        try {
            return openWriter();
        } catch (RuntimeException e) {
            LOG.warn("cannot open the usage table yet: {}", e.toString());
            return writer;
        }
    }

    /** Counts lost rows, and logs them at most every few seconds (a full queue loses many in a row). */
    private void dropped(int rows, String why) {
        metrics.usageRowsDropped(rows);
        droppedSinceLog.addAndGet(rows);
        long now = System.nanoTime();
        if (now - lastDropLog > DROP_LOG_INTERVAL.toNanos() || closing) {
            lastDropLog = now;
            LOG.error("{} usage rows were not recorded: {}", droppedSinceLog.getAndSet(0), why);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(1, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
