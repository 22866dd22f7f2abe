package dev.lakegate.lake.wal;

import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.Row;
import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * How the gateway writes rows to a Delta table: {@link #write} returns once the rows are fsynced
 * to the table's write-ahead log ({@code <dataDir>/wal/<table id>/}); a background committer moves
 * them into Delta in batches, each commit carrying txn ({@code lakegate-wal-<table id>}, highest
 * log sequence of the batch), so replaying the log after a crash neither loses nor duplicates rows.
 * Opening replays whatever the previous run left uncommitted. Thread-safe; one per table and
 * process (the log directory is locked).
 */
public final class DurableTableWriter implements AutoCloseable {
  private static final Pattern TABLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  private final WriteAheadLog wal;
  private final Pending pending;
  private final Committer committer;
  private final Thread thread;
  private final WalOptions options;
  private final Object closeLock = new Object();
  private boolean closed;

  private DurableTableWriter(WriteAheadLog wal, Pending pending, Committer committer, String tableId, WalOptions options) {
    this.wal = wal;
    this.pending = pending;
    this.committer = committer;
    this.options = options;
    this.thread = Thread.ofPlatform().daemon().name("lakegate-commit-" + tableId).start(committer);
  }

  /**
   * Opens the writer of {@code table}, whose log lives in {@code <dataDir>/wal/<tableId>/}, and
   * starts committing what the log holds from a previous run.
   *
   * @param tableId a stable id of the table (letters, digits, {@code . _ -}); it names the log
   *     directory and the Delta txn app id, so it must not change while the log holds rows
   * @throws WalException the log is damaged, locked by another process, or for another schema
   */
  public static DurableTableWriter open(DeltaTable table, Path dataDir, String tableId, WalOptions options) {
    return open(table, dataDir, tableId, options, Hooks.NONE, WriteAheadLog.MAX_GROUP);
  }

  static DurableTableWriter open(DeltaTable table, Path dataDir, String tableId, WalOptions options, Hooks hooks,
      int maxGroup) {
    if (!TABLE_ID.matcher(tableId).matches()) {
      throw new IllegalArgumentException("Table id '" + tableId + "' must be letters, digits, '.', '_' or '-'");
    }
    StructType schema = table.snapshot().schema();
    Path dir = dataDir.resolve("wal").resolve(tableId);
    Pending pending = new Pending(options);
    AtomicReference<Committer> committer = new AtomicReference<>();
    WriteAheadLog wal = WriteAheadLog.open(dir, schema, options, pending::add,
        () -> committer.get() == null ? options.flushInterval() : committer.get().retryAfter(), maxGroup);
    pending.recovered(wal.recovery().committed(), wal.recovery().records());
    committer.set(new Committer(table, schema, "lakegate-wal-" + tableId, wal, pending, dir, options, hooks));
    return new DurableTableWriter(wal, pending, committer.get(), tableId, options);
  }

  /**
   * Appends the rows (see {@link Row} for the Java types); returns once they are durable in the
   * log, with the log sequence of this write. They become visible in the table within the flush
   * interval (default 2 s) while Delta commits succeed.
   *
   * @throws IllegalArgumentException a row does not fit the table's schema (nothing is written)
   * @throws BackPressureException the log is full of uncommitted rows: answer 429/503 with
   *     {@link BackPressureException#retryAfterSeconds()}
   * @throws WalException the log failed on an I/O error: answer 503
   * @throws IllegalStateException the writer is closed
   */
  public long write(List<Row> rows) {
    return wal.append(rows);
  }

  /**
   * Refuses early, before the caller reads or encodes anything, when the log is full.
   *
   * @throws BackPressureException as {@link #write} would
   * @throws WalException the log failed on an I/O error
   * @throws IllegalStateException the writer is closed
   */
  public void admit() {
    wal.admit(1);
  }

  /** Blocks until every write that returned before this call is committed to Delta (tests, admin). */
  public void flush() {
    try {
      pending.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while flushing", e);
    }
  }

  public WriterStatus status() {
    return new WriterStatus(wal.lastDurable(), pending.committed(), wal.uncommittedRows(), wal.uncommittedBytes(),
        Optional.ofNullable(committer.lastError()));
  }

  /**
   * Stops taking writes, commits what is pending (trying for {@link WalOptions#closeTimeout()};
   * whatever does not make it stays in the log for the next start), and releases the log.
   */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) return;
      closed = true;
    }
    wal.stopWriting();
    committer.closeWithin(options.closeTimeout());
    join();
    wal.committed(pending.committed(), 0, 0); // the last segment was sealed by stopWriting
    wal.close();
  }

  /** Stops everything without committing or checkpointing: a crash, for tests. */
  void abandon() {
    synchronized (closeLock) {
      if (closed) return;
      closed = true;
    }
    committer.abandon();
    wal.stopWriting();
    join();
    wal.close();
  }

  private void join() {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
