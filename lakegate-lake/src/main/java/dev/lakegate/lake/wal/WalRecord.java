package dev.lakegate.lake.wal;

/**
 * One log record: the rows of one append, encoded by {@link RowEncoder}.
 *
 * @param seq the log sequence (one per append, increasing by one)
 * @param rows how many rows {@code payload} holds
 * @param durableAtNanos {@link System#nanoTime()} when it was fsynced; 0 for replayed records
 */
record WalRecord(long seq, int rows, byte[] payload, long durableAtNanos) {}
