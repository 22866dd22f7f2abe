/**
 * Durable writes to Delta tables (DESIGN principle 6, "durable before acknowledged"): a
 * per-table write-ahead log of fsynced, CRC-framed segments with group commit and a bound that
 * turns into back-pressure, and a committer that moves logged rows into Delta in batches with an
 * idempotent txn id, replaying exactly once after a crash. Entry point: {@link
 * dev.lakegate.lake.wal.DurableTableWriter}.
 */
package dev.lakegate.lake.wal;
