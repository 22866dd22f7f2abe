package dev.lakegate.lake.delta;

import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CheckpointAlreadyExistsException;
import io.delta.kernel.hook.PostCommitHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kernel returns post-commit hooks (checkpoint every {@code delta.checkpointInterval} commits,
 * version checksum) instead of running them: without this the log grows without checkpoints and
 * every snapshot load replays all JSON commits.
 */
final class PostCommit {
  private static final Logger log = LoggerFactory.getLogger(PostCommit.class);

  private PostCommit() {}

  static void run(Engine engine, TransactionCommitResult result) {
    for (PostCommitHook hook : result.getPostCommitHooks()) {
      try {
        hook.threadSafeInvoke(engine);
      } catch (CheckpointAlreadyExistsException e) {
        // Another writer checkpointed this version first: same content, nothing to do.
      } catch (Exception e) {
        // The commit is durable; a missing checkpoint or checksum only costs read time later.
        log.warn("Post-commit {} hook for version {} failed: {}", hook.getType(), result.getVersion(), e.toString());
      }
    }
  }
}
