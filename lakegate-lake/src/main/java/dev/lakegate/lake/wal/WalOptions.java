package dev.lakegate.lake.wal;

import java.time.Duration;

/**
 * How a {@link DurableTableWriter} logs and commits.
 *
 * @param segmentBytes roll to a new segment file past this size
 * @param maxUncommittedBytes encoded bytes the log may hold that are not yet in Delta (they are
 *     also held in memory for the committer); past it, writes get {@link BackPressureException}
 * @param maxUncommittedRows the same bound in rows
 * @param flushInterval commit rows at most this long after they became durable (visibility lag)
 * @param maxBatchRows commit as soon as this many rows wait; also the most rows in one commit
 * @param maxBatchBytes the same in encoded bytes
 * @param retryMin first back-off after a failed Delta commit; doubles per failure
 * @param retryMax longest back-off
 * @param closeTimeout how long {@code close()} keeps trying to commit what is pending; what is
 *     left stays in the log and is committed on the next start
 */
public record WalOptions(long segmentBytes, long maxUncommittedBytes, long maxUncommittedRows,
    Duration flushInterval, int maxBatchRows, long maxBatchBytes, Duration retryMin, Duration retryMax,
    Duration closeTimeout) {
  private static final long MIB = 1 << 20;

  /**
   * 64 MiB segments; 64 MiB / 1M rows uncommitted; commit every 2 s or at 50k rows / 32 MiB. Each
   * commit has a fixed cost (~50 ms), so the byte cap must not cut batches of wide rows short (8 MiB
   * did at ~20k OTel metric rows of ~420 bytes); the committer decodes a batch into column buffers
   * a slice at a time, so a batch costs little memory beyond its records.
   */
  public static final WalOptions DEFAULTS = new WalOptions(64 * MIB, 64 * MIB, 1_000_000, Duration.ofSeconds(2),
      50_000, 32 * MIB, Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(10));

  public WalOptions {
    if (segmentBytes < 1024) throw new IllegalArgumentException("segmentBytes must be at least 1024");
    if (maxUncommittedBytes <= 0 || maxUncommittedRows <= 0) throw new IllegalArgumentException("bounds must be positive");
    if (maxBatchRows <= 0 || maxBatchBytes <= 0) throw new IllegalArgumentException("batch limits must be positive");
    for (Duration d : new Duration[] {flushInterval, retryMin, retryMax, closeTimeout}) {
      if (d == null || d.isNegative()) throw new IllegalArgumentException("durations must be non-negative");
    }
    if (retryMin.isZero() || retryMax.compareTo(retryMin) < 0) throw new IllegalArgumentException("need 0 < retryMin <= retryMax");
  }

  public WalOptions withSegmentBytes(long bytes) {
    return new WalOptions(bytes, maxUncommittedBytes, maxUncommittedRows, flushInterval, maxBatchRows, maxBatchBytes,
        retryMin, retryMax, closeTimeout);
  }

  public WalOptions withMaxUncommitted(long bytes, long rows) {
    return new WalOptions(segmentBytes, bytes, rows, flushInterval, maxBatchRows, maxBatchBytes, retryMin, retryMax,
        closeTimeout);
  }

  public WalOptions withFlushInterval(Duration interval) {
    return new WalOptions(segmentBytes, maxUncommittedBytes, maxUncommittedRows, interval, maxBatchRows, maxBatchBytes,
        retryMin, retryMax, closeTimeout);
  }

  public WalOptions withMaxBatch(int rows, long bytes) {
    return new WalOptions(segmentBytes, maxUncommittedBytes, maxUncommittedRows, flushInterval, rows, bytes,
        retryMin, retryMax, closeTimeout);
  }

  public WalOptions withRetry(Duration min, Duration max) {
    return new WalOptions(segmentBytes, maxUncommittedBytes, maxUncommittedRows, flushInterval, maxBatchRows,
        maxBatchBytes, min, max, closeTimeout);
  }

  public WalOptions withCloseTimeout(Duration timeout) {
    return new WalOptions(segmentBytes, maxUncommittedBytes, maxUncommittedRows, flushInterval, maxBatchRows,
        maxBatchBytes, retryMin, retryMax, timeout);
  }
}
