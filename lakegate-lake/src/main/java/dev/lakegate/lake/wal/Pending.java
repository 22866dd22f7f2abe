package dev.lakegate.lake.wal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Durable records waiting for the committer, in sequence order, and the committer's progress that
 * {@code flush()} waits on. A batch is due when it is big enough (rows or bytes), when its oldest
 * record has waited the flush interval, when a flush asks for it, or when the writer closes.
 */
final class Pending {
  private final WalOptions options;
  private final ArrayDeque<WalRecord> records = new ArrayDeque<>();
  private long rows;
  private long bytes;
  private long durable;
  private long committed;
  private long flushTarget; // records up to here are due now
  private boolean draining; // closing: everything is due, and an empty queue ends the committer
  private boolean stopped; // the committer is gone: waiters give up

  Pending(WalOptions options) {
    this.options = options;
  }

  /**
   * What recovery found, before any append: records after {@code committed} are due at once, so a
   * restart makes them visible without waiting for the flush interval.
   */
  synchronized void recovered(long committed, List<WalRecord> recovered) {
    this.committed = committed;
    this.durable = committed;
    recovered.forEach(this::enqueue);
    flushTarget = durable;
  }

  synchronized void add(WalRecord r) {
    enqueue(r);
    // Wake the committer only when this changes its plan: a first record starts the age clock.
    if (records.size() == 1 || rows >= options.maxBatchRows() || bytes >= options.maxBatchBytes()) notifyAll();
  }

  /**
   * Waits for a due batch and removes it; null once the committer should stop. With {@code upTo}
   * (a replayed in-flight batch) returns exactly the records up to it, at once, however many.
   */
  synchronized List<WalRecord> take(long upTo) throws InterruptedException {
    if (upTo > 0) return remove(upTo);
    while (!stopped) {
      if (records.isEmpty()) {
        if (draining) return null;
        wait();
        continue;
      }
      long waitNanos = dueInNanos();
      if (waitNanos <= 0) return remove(0);
      TimeUnit.NANOSECONDS.timedWait(this, waitNanos);
    }
    return null;
  }

  synchronized void committed(long seq) {
    committed = seq;
    notifyAll();
  }

  /** Blocks until everything durable now is committed. */
  synchronized void flush() throws InterruptedException {
    long target = durable;
    flushTarget = Math.max(flushTarget, target);
    notifyAll();
    while (committed < target && !stopped) wait();
    if (committed < target) throw new IllegalStateException("The writer stopped before committing sequence " + target);
  }

  synchronized void drain() {
    draining = true;
    notifyAll();
  }

  synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  synchronized long committed() {
    return committed;
  }

  private void enqueue(WalRecord r) {
    records.add(r);
    rows += r.rows();
    bytes += r.payload().length;
    durable = r.seq();
  }

  private long dueInNanos() {
    if (draining || records.peekFirst().seq() <= flushTarget) return 0;
    if (rows >= options.maxBatchRows() || bytes >= options.maxBatchBytes()) return 0;
    return records.peekFirst().durableAtNanos() + options.flushInterval().toNanos() - System.nanoTime();
  }

  /** The next batch: up to {@code upTo} if positive, else as much as the batch limits allow (at least one). */
  private List<WalRecord> remove(long upTo) {
    List<WalRecord> batch = new ArrayList<>();
    long r = 0;
    long b = 0;
    while (!records.isEmpty()) {
      WalRecord next = records.peekFirst();
      if (upTo > 0 ? next.seq() > upTo
          : !batch.isEmpty() && (r + next.rows() > options.maxBatchRows() || b + next.payload().length > options.maxBatchBytes())) {
        break;
      }
      batch.add(records.pollFirst());
      r += next.rows();
      b += next.payload().length;
    }
    rows -= r;
    bytes -= b;
    return batch;
  }
}
