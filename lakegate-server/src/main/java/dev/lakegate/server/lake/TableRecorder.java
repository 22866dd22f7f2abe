package dev.lakegate.server.lake;

import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.wal.BackPressureException;
import dev.lakegate.lake.wal.DurableTableWriter;
import dev.lakegate.lake.wal.WalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records rows of one of the gateway's own tables (usage rows, inference payloads) without making anyone
 * wait for the disk: {@link #offer} queues an item and returns; the recorder's own thread turns items into
 * rows and appends them in batches to the table's {@link DurableTableWriter}. A log that pushes back or
 * fails is retried with back-off (100 ms doubling to 5 s) while items wait in the queue; items are lost
 * only when the queue's {@link Budget} runs out meanwhile, or when the gateway stops while the log keeps
 * failing — counted and logged at most every 10 s.
 *
 * @param <T> what is queued; its row is made on the recorder's thread, so a costly conversion stays off the caller's
 */
public final class TableRecorder<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableRecorder.class);
    private static final int MAX_BATCH_ROWS = 256;
    /** How long the first row of a batch waits for more; rows become visible at the next commit (seconds) anyway. */
    private static final Duration LINGER = Duration.ofMillis(25);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration DROP_LOG_INTERVAL = Duration.ofSeconds(10);

    /**
     * The table and its rows.
     *
     * @param table its full name, for logs and metrics
     * @param writer opens the table's writer, creating the table if need be; called on start (where a failure stops
     *     the start) and again when an admin dropped the table
     * @param row the row of an item
     * @param weight what an item costs of the {@link Budget}
     */
    public record Target<T>(String table, Supplier<DurableTableWriter> writer, Function<T, Row> row, ToLongFunction<T> weight) {}

    /**
     * How much may wait in the queues of the recorders that share it, in the unit of their items' weights (rows
     * for usage, bytes for payloads, so that all inference tables together hold a bounded amount of memory).
     */
    public static final class Budget {
        private final long capacity;
        private final long batch;
        private final AtomicLong used = new AtomicLong();

        /** @param batch the weight one append gathers at most (it always takes at least one item) */
        public Budget(long capacity, long batch) {
            this.capacity = capacity;
            this.batch = batch;
        }

        private boolean take(long weight) {
            long now;
            do {
                now = used.get();
                if (now + weight > capacity) {
                    return false;
                }
            } while (!used.compareAndSet(now, now + weight));
            return true;
        }

        private void release(long weight) {
            used.addAndGet(-weight);
        }
    }

    /** An item and its weight, taken from the budget until its batch was appended or dropped. */
    private record Queued<T>(T item, long weight) {}

    private final Target<T> target;
    private final Budget budget;
    private final LongConsumer droppedCounter;
    private final Duration closeTimeout;
    private final BlockingQueue<Queued<T>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong droppedSinceLog = new AtomicLong();
    private volatile long lastDropLog = System.nanoTime() - DROP_LOG_INTERVAL.toNanos();
    private volatile boolean closing;
    private volatile long giveUpAt;
    private DurableTableWriter writer; // the recorder thread's alone once started
    private final Thread thread;

    private TableRecorder(Target<T> target, Budget budget, LongConsumer droppedCounter, Duration closeTimeout) {
        this.target = target;
        this.budget = budget;
        this.droppedCounter = droppedCounter;
        this.closeTimeout = closeTimeout;
        this.writer = target.writer().get();
        this.thread = Thread.ofPlatform().name("lakegate-recorder-" + target.table()).daemon().start(this::run);
    }

    /**
     * Opens the table's writer (a failure propagates) and starts recording into it.
     *
     * @param dropped counts lost rows (a metric)
     * @param closeTimeout how long {@link #close()} keeps retrying a failing log before it gives up on the rows left
     */
    public static <T> TableRecorder<T> start(Target<T> target, Budget budget, LongConsumer dropped, Duration closeTimeout) {
        return new TableRecorder<>(target, budget, dropped, closeTimeout);
    }

    /** Queues the item, or counts it as dropped when the budget is spent; never waits. */
    public void offer(T item) {
        long weight = target.weight().applyAsLong(item);
        if (budget.take(weight)) {
            queue.add(new Queued<>(item, weight));
        } else {
            dropped(1, "the queue is full: the write-ahead log is not keeping up");
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
        List<Queued<T>> batch = new ArrayList<>(MAX_BATCH_ROWS);
        while (true) {
            Queued<T> first;
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
            if (queue.size() < MAX_BATCH_ROWS - 1 && !closing) {
                // Let a batch gather: each write to the log has a fixed cost (a hand-off and an fsync),
                // which at one row per write costs more CPU than the request did.
                sleep(LINGER.toMillis());
            }
            long weight = first.weight();
            Queued<T> next;
            while (batch.size() < MAX_BATCH_ROWS && weight < budget.batch && (next = queue.poll()) != null) {
                batch.add(next);
                weight += next.weight();
            }
            write(rows(batch));
            budget.release(weight);
            batch.clear();
        }
    }

    /** The rows of the batch; an item whose row cannot be made is a bug, logged and dropped alone. */
    private List<Row> rows(List<Queued<T>> batch) {
        List<Row> rows = new ArrayList<>(batch.size());
        for (Queued<T> queued : batch) {
            try {
                rows.add(target.row().apply(queued.item()));
            } catch (RuntimeException e) {
                LOG.error("a row of {} could not be made", target.table(), e);
                dropped(1, "their row could not be made");
            }
        }
        return rows;
    }

    private void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        long backoffMs = 100;
        while (true) {
            long waitMs;
            try {
                writer.write(rows);
                return;
            } catch (BackPressureException e) {
                waitMs = e.retryAfter().toMillis();
            } catch (WalException e) {
                LOG.warn("rows of {} could not be logged, retrying in {} ms: {}", target.table(), backoffMs, e.getMessage());
                waitMs = backoffMs;
            } catch (IllegalStateException e) {
                // The table's writer was retired: an admin dropped the table. It is recreated, as on start.
                LOG.warn("the writer of {} is closed ({}); recreating the table", target.table(), e.getMessage());
                waitMs = backoffMs;
                writer = reopenedWriter();
            } catch (IllegalArgumentException e) {
                if (rows.size() > 1) {
                    rows.forEach(row -> write(List.of(row))); // only the misfit is lost, not its batch
                    return;
                }
                LOG.error("a row does not fit {}", target.table(), e); // a bug, or a row larger than the log's bound: retrying cannot help
                dropped(1, "it does not fit the table or the write-ahead log");
                return;
            }
            if (closing && System.nanoTime() - giveUpAt > 0) {
                dropped(rows.size(), "the gateway is stopping and the write-ahead log keeps failing");
                return;
            }
            sleep(waitMs);
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
        }
    }

    /** The writer of the table as it is now, or the old one (to fail and retry again) while it cannot be opened. */
    private DurableTableWriter reopenedWriter() {
        try {
            return target.writer().get();
        } catch (RuntimeException e) {
            LOG.warn("cannot open {} yet: {}", target.table(), e.toString());
            return writer;
        }
    }

    /** Counts lost rows, and logs them at most every few seconds (a full queue loses many in a row). */
    private void dropped(int rows, String why) {
        droppedCounter.accept(rows);
        droppedSinceLog.addAndGet(rows);
        long now = System.nanoTime();
        if (now - lastDropLog > DROP_LOG_INTERVAL.toNanos() || closing) {
            lastDropLog = now;
            LOG.error("{} rows of {} were not recorded: {}", droppedSinceLog.getAndSet(0), target.table(), why);
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
