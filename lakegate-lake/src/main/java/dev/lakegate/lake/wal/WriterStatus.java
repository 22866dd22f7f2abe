package dev.lakegate.lake.wal;

import java.util.Optional;

/**
 * A {@link DurableTableWriter}'s progress, for health checks and metrics.
 *
 * @param durableSequence the last sequence fsynced to the log
 * @param committedSequence the last sequence committed to Delta (and checkpointed)
 * @param uncommittedRows rows accepted but not yet in Delta: what the back-pressure bound counts
 * @param uncommittedBytes their encoded size
 * @param lastCommitError the error of the failing Delta commit being retried, if any
 */
public record WriterStatus(long durableSequence, long committedSequence, long uncommittedRows,
    long uncommittedBytes, Optional<String> lastCommitError) {}
