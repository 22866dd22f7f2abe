package dev.lakegate.lake.delta;

/** What {@link DeltaTable#append} did. */
public sealed interface AppendResult {

  /**
   * The rows are in the table at {@code version}.
   *
   * @param commitAttempts 1 unless concurrent writers made Kernel rebase and retry
   */
  record Committed(long version, long rows, long files, long commitAttempts) implements AppendResult {}

  /**
   * Nothing written: the table already records {@code appId} at a version ≥ {@code txnVersion},
   * i.e. this batch (or a later one from the same writer) was committed before.
   */
  record Skipped(String appId, long txnVersion) implements AppendResult {}
}
