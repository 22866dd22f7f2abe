package dev.lakegate.lake.wal;

import dev.lakegate.lake.delta.AppendResult;
import dev.lakegate.lake.delta.DeltaTable;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread that moves durable records into Delta, one batch per commit, in sequence
 * order. Per batch: record the intent (checkpoint with {@code inflight} = the batch's last
 * sequence), append with txn ({@code appId}, last sequence), record the commit, free the log. A
 * failed commit is retried with back-off, the same batch each time, until it lands: rows leave the
 * log only after Delta has them.
 */
final class Committer implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Committer.class);

  private final DeltaTable table;
  private final ColumnDecoder decoder;
  private final String appId;
  private final Path dir;
  private final WriteAheadLog wal;
  private final Pending pending;
  private final WalOptions options;
  private final Hooks hooks;
  private final Object sleeper = new Object();
  private long committed;
  private long replayUpTo; // the in-flight batch of the previous run, replayed first
  private volatile Duration backoff; // while commits fail
  private volatile String lastError;
  private volatile boolean closing;
  private volatile long deadline; // nanoTime when closing gives up on a failing commit
  private volatile boolean abandoned;

  Committer(DeltaTable table, StructType schema, String appId, WriteAheadLog wal, Pending pending, Path dir,
      WalOptions options, Hooks hooks) {
    this.table = table;
    this.decoder = new ColumnDecoder(schema);
    this.appId = appId;
    this.wal = wal;
    this.pending = pending;
    this.dir = dir;
    this.options = options;
    this.hooks = hooks;
    Recovery r = wal.recovery();
    this.committed = r.committed();
    this.replayUpTo = r.checkpoint().filter(Checkpoint::hasInflight).map(Checkpoint::inflight).orElse(0L);
  }

  @Override
  public void run() {
    try {
      while (!abandoned) {
        long upTo = replayUpTo;
        replayUpTo = 0;
        List<WalRecord> batch = pending.take(upTo);
        if (batch == null) return;
        // A replay keeps the recorded bound even if the log lacks some of its records.
        long last = upTo > 0 ? upTo : batch.getLast().seq();
        if (!commit(batch, last, upTo > 0)) return;
      }
    } catch (InterruptedException e) {
      // abandoned
    } finally {
      pending.stop();
    }
  }

  /** Commits one batch, retrying; false if the committer must stop (abandoned, or closing timed out). */
  private boolean commit(List<WalRecord> batch, long last, boolean replay) throws InterruptedException {
    boolean intentRecorded = replay;
    long delay = options.retryMin().toNanos();
    for (int attempt = 1; ; attempt++) {
      if (abandoned) return false;
      try {
        if (!intentRecorded) {
          new Checkpoint(committed, last).write(dir);
          intentRecorded = true;
        }
        if (!batch.isEmpty()) { // a replayed range whose records are gone has nothing to add
          hooks.beforeDeltaCommit(last);
          AppendResult result = table.appendFrom(batch.stream().map(decoder::source).toList(), appId, last);
          if (result instanceof AppendResult.Skipped && !replay && attempt == 1) {
            log.warn("{} already records {} at txn version >= {}, so this batch was skipped: another writer uses"
                + " this log id, or its log directory was replaced", table, appId, last);
          }
          hooks.afterDeltaCommit(last);
        }
        new Checkpoint(last, last).write(dir);
        break;
      } catch (Hooks.Crash c) {
        abandoned = true;
        return false;
      } catch (IOException | RuntimeException e) {
        if (abandoned) return false;
        lastError = e.toString();
        backoff = Duration.ofNanos(delay);
        if (closing && System.nanoTime() - deadline >= 0) {
          log.error("Giving up committing log records up to {} to {} at close; they stay in {} and are"
              + " committed on the next start: {}", last, table, dir, e.toString());
          return false;
        }
        // The stack trace once per failing batch; then one line per retry.
        log.warn("Committing log records up to {} to {} failed (attempt {}); retrying in {} ms{}", last, table,
            attempt, TimeUnit.NANOSECONDS.toMillis(delay), attempt == 1 ? "" : ": " + e, attempt == 1 ? e : null);
        synchronized (sleeper) { // the deadline is read under the lock closeWithin notifies with
          long wait = closing ? Math.min(delay, Math.max(0, deadline - System.nanoTime())) : delay;
          if (!abandoned && wait > 0) TimeUnit.NANOSECONDS.timedWait(sleeper, wait);
        }
        delay = Math.min(delay * 2, options.retryMax().toNanos());
      }
    }
    backoff = null;
    lastError = null;
    committed = last;
    long bytes = 0;
    long rows = 0;
    for (WalRecord r : batch) {
      bytes += r.payload().length;
      rows += r.rows();
    }
    wal.committed(last, bytes, rows);
    pending.committed(last);
    return true;
  }

  /** Commit what is pending, giving up on failures {@code timeout} from now. */
  void closeWithin(Duration timeout) {
    pending.drain();
    synchronized (sleeper) {
      deadline = System.nanoTime() + timeout.toNanos();
      closing = true;
      sleeper.notifyAll(); // a back-off sleep ends early to meet the deadline
    }
  }

  /** Stop now, committing nothing more: a crash, for tests. */
  void abandon() {
    abandoned = true;
    pending.stop();
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
  }

  /** A hint for back-pressured callers: one commit cycle, or the current back-off while failing. */
  Duration retryAfter() {
    Duration b = backoff;
    Duration cycle = options.flushInterval().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : options.flushInterval();
    return b != null && b.compareTo(cycle) > 0 ? b : cycle;
  }

  String lastError() {
    return lastError;
  }
}
