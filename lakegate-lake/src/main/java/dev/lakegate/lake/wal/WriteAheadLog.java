package dev.lakegate.lake.wal;

import dev.lakegate.lake.delta.Row;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of one table. Appenders encode their rows on their own thread, then hand
 * them to a single writer thread that writes every append waiting at that moment and fsyncs once
 * for all of them (group commit): the fsync is the cost, and concurrent appenders share it.
 *
 * <p>Uncommitted rows and bytes (queued, durable, or in a Delta commit) are bounded: past the
 * bound {@link #append} throws {@link BackPressureException} at once. After any I/O error the log
 * refuses appends until reopened: a failed write or fsync leaves the file in an unknown state, and
 * writing on could put acknowledged records behind garbage that recovery would cut off.
 */
final class WriteAheadLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WriteAheadLog.class);
  /** Most appends sharing one fsync; bounds one group's memory and latency. */
  static final int MAX_GROUP = 4096;

  private record Request(byte[] payload, int rows, CompletableFuture<Long> done) {}

  private static final Request STOP = new Request(new byte[0], 0, null);

  private final StructType schema;
  private final WalOptions options;
  private final int maxGroup;
  private final DirectoryLock lock;
  private final Recovery recovery;
  private final Consumer<WalRecord> onDurable;
  private final Supplier<Duration> retryAfter;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final TreeMap<Long, Long> sealed; // guarded by itself: segment number -> last sequence
  private final Path dir;
  private final SegmentWriter segments;
  private final Thread writer;
  private long nextSeq; // writer thread only
  private volatile long lastDurable;
  private volatile Throwable failure;
  // guarded by this
  private boolean closed;
  private long uncommittedBytes;
  private long uncommittedRows;

  private WriteAheadLog(Path dir, StructType schema, long fingerprint, WalOptions options, int maxGroup,
      DirectoryLock lock, Recovery recovery, Consumer<WalRecord> onDurable, Supplier<Duration> retryAfter) {
    this.dir = dir;
    this.schema = schema;
    this.options = options;
    this.maxGroup = maxGroup;
    this.lock = lock;
    this.recovery = recovery;
    this.onDurable = onDurable;
    this.retryAfter = retryAfter;
    this.sealed = new TreeMap<>(recovery.sealed());
    this.nextSeq = recovery.nextSeq();
    this.lastDurable = recovery.nextSeq() - 1;
    for (WalRecord r : recovery.records()) {
      uncommittedBytes += r.payload().length;
      uncommittedRows += r.rows();
    }
    this.segments = new SegmentWriter(dir, fingerprint, options.segmentBytes(), recovery.nextSegment(), this::sealed);
    this.writer = Thread.ofPlatform().daemon().name("lakegate-wal-" + dir.getFileName()).unstarted(this::run);
  }

  /**
   * Opens (creating or recovering) the log in {@code dir}; {@code onDurable} sees each record once
   * it is fsynced, before its appender returns. {@code maxGroup} 1 disables group commit (benchmark).
   */
  static WriteAheadLog open(Path dir, StructType schema, WalOptions options, Consumer<WalRecord> onDurable,
      Supplier<Duration> retryAfter, int maxGroup) {
    long fingerprint = SchemaFingerprint.of(schema);
    DirectoryLock lock = DirectoryLock.acquire(dir);
    try {
      Recovery recovery = Recovery.run(dir, fingerprint);
      WriteAheadLog wal = new WriteAheadLog(
          dir, schema, fingerprint, options, maxGroup, lock, recovery, onDurable, retryAfter);
      wal.writer.start();
      return wal;
    } catch (IOException e) {
      lock.release();
      throw new WalException("Cannot recover the log in " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      lock.release();
      throw e;
    }
  }

  /** What recovery found: the checkpoint and the records after it. */
  Recovery recovery() {
    return recovery;
  }

  /**
   * Appends the rows as one record; returns its sequence once it is fsynced. An empty list writes
   * nothing and returns the last durable sequence.
   *
   * @throws IllegalArgumentException a row does not fit the schema, or the batch alone exceeds the bound
   * @throws BackPressureException the bound on uncommitted data is reached (nothing written)
   * @throws WalException the log failed on an earlier I/O error
   */
  long append(List<Row> rows) {
    if (rows.isEmpty()) return lastDurable;
    int n = rows.size();
    if (n > options.maxUncommittedRows()) throw tooLarge(n, "");
    admit(n); // refuse before encoding when the log is already full: a refusal costs nothing
    byte[] payload = RowEncoder.encode(schema, rows);
    if (payload.length > options.maxUncommittedBytes()) throw tooLarge(n, " (" + payload.length + " bytes)");
    Request request = new Request(payload, n, new CompletableFuture<>());
    synchronized (this) {
      requireOpen();
      if (uncommittedBytes + payload.length > options.maxUncommittedBytes() || uncommittedRows + n > options.maxUncommittedRows()) {
        throw backPressure();
      }
      uncommittedBytes += payload.length;
      uncommittedRows += n;
      queue.add(request);
    }
    try {
      return request.done().join(); // not interruptible: the record may already be on disk
    } catch (CompletionException e) {
      release(payload.length, n);
      throw failed();
    }
  }

  /**
   * Throws what {@link #append} would throw for {@code rows} more rows before it encodes them, so a
   * caller can refuse work (e.g. before reading a request body) while the log is full.
   */
  synchronized void admit(int rows) {
    requireOpen();
    if (uncommittedBytes >= options.maxUncommittedBytes() || uncommittedRows + rows > options.maxUncommittedRows()) {
      throw backPressure();
    }
  }

  /** Records up to {@code seq} are in Delta: frees their share of the bound, deletes their segments. */
  void committed(long seq, long bytes, long rows) {
    release(bytes, rows);
    synchronized (sealed) {
      var it = sealed.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Long, Long> e = it.next();
        if (e.getValue() > seq) break;
        Segments.delete(Segments.path(dir, e.getKey()));
        it.remove();
      }
    }
  }

  /** Group commits so far (one fsync each). */
  long fsyncs() {
    return segments.fsyncs();
  }

  long lastDurable() {
    return lastDurable;
  }

  synchronized long uncommittedBytes() {
    return uncommittedBytes;
  }

  synchronized long uncommittedRows() {
    return uncommittedRows;
  }

  /** Stops taking appends; returns once every accepted append is durable and the segment sealed. */
  void stopWriting() {
    synchronized (this) {
      if (!closed) {
        closed = true;
        queue.add(STOP);
      }
    }
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  /** Stops writing and unlocks the directory. */
  @Override
  public void close() {
    stopWriting();
    lock.release();
  }

  private void requireOpen() {
    if (closed) throw new IllegalStateException("The log in " + dir + " is closed");
    if (failure != null) throw failed();
  }

  private IllegalArgumentException tooLarge(int rows, String bytes) {
    return new IllegalArgumentException("A batch of " + rows + " rows" + bytes + " exceeds the log's bound of "
        + options.maxUncommittedRows() + " rows / " + options.maxUncommittedBytes() + " bytes; split it");
  }

  private BackPressureException backPressure() {
    return new BackPressureException("The log of " + dir.getFileName() + " holds " + uncommittedRows + " uncommitted rows ("
        + uncommittedBytes + " bytes), its bound; retry later", retryAfter.get());
  }

  private synchronized void release(long bytes, long rows) {
    uncommittedBytes -= bytes;
    uncommittedRows -= rows;
  }

  private void sealed(long index, long lastSeq) {
    synchronized (sealed) {
      sealed.put(index, lastSeq);
    }
  }

  private WalException failed() {
    return new WalException("The log in " + dir + " failed on an I/O error and takes no more rows until it is"
        + " reopened (restart, or reopen the writer): " + failure, failure);
  }

  private void run() {
    List<Request> group = new ArrayList<>();
    try {
      while (true) {
        group.clear();
        group.add(takeUninterruptibly());
        queue.drainTo(group, maxGroup - 1);
        boolean stop = group.removeIf(r -> r == STOP);
        if (!group.isEmpty()) writeGroup(group);
        if (stop) return;
      }
    } finally {
      try {
        segments.close();
      } catch (IOException e) {
        log.error("Closing the active segment in {} failed", dir, e);
      }
    }
  }

  private void writeGroup(List<Request> group) {
    if (failure != null) {
      group.forEach(r -> r.done().completeExceptionally(failure));
      return;
    }
    List<SegmentWriter.Entry> entries = new ArrayList<>(group.size());
    long first = nextSeq;
    for (Request r : group) entries.add(new SegmentWriter.Entry(nextSeq++, r.rows(), r.payload()));
    try {
      segments.write(entries);
    } catch (IOException | RuntimeException e) {
      failure = e;
      log.error("Writing to the log in {} failed; it takes no more rows until reopened", dir, e);
      group.forEach(r -> r.done().completeExceptionally(e));
      return;
    }
    long now = System.nanoTime();
    for (int i = 0; i < group.size(); i++) {
      onDurable.accept(new WalRecord(first + i, group.get(i).rows(), group.get(i).payload(), now));
    }
    lastDurable = nextSeq - 1;
    for (int i = 0; i < group.size(); i++) group.get(i).done().complete(first + i);
  }

  private Request takeUninterruptibly() {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // Only close stops the writer: appenders wait on it.
      }
    }
  }
}
