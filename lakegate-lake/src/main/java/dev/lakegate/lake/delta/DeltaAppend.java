package dev.lakegate.lake.delta;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.MaxCommitRetryLimitReachedException;
import io.delta.kernel.metrics.TransactionMetricsResult;
import io.delta.kernel.transaction.UpdateTableTransactionBuilder;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.DataFileStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One append through Kernel's write path: build the transaction (which refuses a replayed
 * {@code appId}/version), write Parquet, commit, run the post-commit hooks Kernel returns.
 *
 * <p>Kernel already rebases blind appends over concurrent commits (up to 200 times). On top of
 * that, when a commit still fails (metadata changed, retries exhausted, unknown commit state) we
 * start a fresh transaction on a fresh snapshot and commit the same data files again: with a
 * transaction id that is safe even if the failed attempt did land, because the new transaction
 * then sees the id and skips.
 */
final class DeltaAppend {
  private static final Logger log = LoggerFactory.getLogger(DeltaAppend.class);
  private static final int MAX_ATTEMPTS = 5;

  private DeltaAppend() {}

  static AppendResult run(Engine engine, DataFiles dataFiles, DeltaTable table, List<? extends RowSource> sources,
      String appId, long txnVersion) {
    return run(engine, dataFiles, table, sources, appId, null, txnVersion);
  }

  /** @param previous if not null, commit only while {@code appId}'s latest txn version is this (empty: none) */
  static AppendResult run(Engine engine, DataFiles dataFiles, DeltaTable table, List<? extends RowSource> sources,
      String appId, Optional<Long> previous, long txnVersion) {
    long rows = 0;
    for (RowSource s : sources) rows += s.rows();
    List<DataFileStatus> files = null;
    StructType writtenSchema = null;
    for (int attempt = 1; ; attempt++) {
      Snapshot snapshot = table.latest();
      DeltaTables.requirePlainLayout(snapshot);
      if (previous != null && !DeltaTable.transactionVersion(engine, snapshot, appId).equals(previous)) {
        // Another writer moved it; one moving it after this snapshot is refused at commit (same app id).
        return new AppendResult.Skipped(appId, txnVersion);
      }
      UpdateTableTransactionBuilder builder =
          snapshot.buildUpdateTableTransaction(DeltaTables.ENGINE_INFO, Operation.WRITE);
      if (appId != null) builder = builder.withTransactionId(appId, txnVersion);
      Transaction txn;
      try {
        txn = builder.build(engine);
      } catch (ConcurrentTransactionException e) {
        return new AppendResult.Skipped(appId, txnVersion);
      }
      if (rows == 0 && appId == null) {
        return new AppendResult.Committed(snapshot.getVersion(), 0, 0, 0);
      }
      io.delta.kernel.data.Row txnState = txn.getTransactionState(engine);
      StructType schema = txn.getSchema(engine);
      if (files == null) {
        // Plain tables (requirePlainLayout) need none of Kernel's logical-to-physical transformation.
        DataWriteContext ctx = Transaction.getWriteContext(engine, txnState, Map.of());
        files = dataFiles.write(ctx.getTargetDirectory(), schema, sources, ctx.getStatisticsColumns());
        writtenSchema = schema;
      } else if (!schema.equals(writtenSchema)) {
        throw new DeltaTableException("The schema of " + table.location()
            + " changed while appending; the batch was not committed: retry it");
      }
      DataWriteContext ctx = Transaction.getWriteContext(engine, txnState, Map.of());
      CloseableIterable<io.delta.kernel.data.Row> actions = CloseableIterable.inMemoryIterable(
          Transaction.generateAppendActions(engine, txnState, Iters.of(files), ctx));
      try {
        TransactionCommitResult result = txn.commit(engine, actions);
        PostCommit.run(engine, result);
        TransactionMetricsResult m = result.getTransactionReport().getTransactionMetrics();
        return new AppendResult.Committed(result.getVersion(), rows, files.size(), m.getNumCommitAttempts());
      } catch (ConcurrentTransactionException e) {
        return new AppendResult.Skipped(appId, txnVersion); // a concurrent writer committed this id
      } catch (ConcurrentWriteException | MaxCommitRetryLimitReachedException e) {
        retryOrThrow(table, attempt, e);
      } catch (io.delta.kernel.exceptions.CommitStateUnknownException e) {
        if (appId == null) {
          throw new DeltaTableException("Commit state unknown for " + table.location()
              + " and no transaction id to make a retry safe; check the table before retrying", e);
        }
        retryOrThrow(table, attempt, e);
      }
    }
  }

  private static void retryOrThrow(DeltaTable table, int attempt, RuntimeException e) {
    if (attempt >= MAX_ATTEMPTS) {
      throw new DeltaTableException("Append to " + table.location() + " failed after " + attempt
          + " transactions: " + e.getMessage(), e);
    }
    log.warn("Append to {} failed ({}); retrying with a new transaction", table.location(), e.toString());
  }
}
