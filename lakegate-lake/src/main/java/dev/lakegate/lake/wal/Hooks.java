package dev.lakegate.lake.wal;

/** Seams in the committer for crash and failure tests; production uses {@link #NONE}. */
interface Hooks {
  Hooks NONE = new Hooks() {};

  /** Before each Delta commit attempt; throwing a RuntimeException makes the attempt fail. */
  default void beforeDeltaCommit(long txnVersion) {}

  /** After a Delta commit, before the checkpoint records it. */
  default void afterDeltaCommit(long txnVersion) {}

  /** Thrown by a hook to stop the committer on the spot, as a process crash would. */
  final class Crash extends RuntimeException {
    Crash() {
      super("simulated crash", null, false, false);
    }
  }
}
