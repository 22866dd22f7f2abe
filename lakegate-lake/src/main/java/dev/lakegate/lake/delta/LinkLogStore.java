package dev.lakegate.lake.delta;

import io.delta.storage.HadoopFileSystemLogStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delta log store for local files that makes "create {@code N.json} unless it exists" atomic
 * across threads and processes, which is what concurrent commits rely on.
 *
 * <p>Kernel's default for {@code file:} (HDFSLogStore) checks that the target is absent and then
 * renames, and a local rename silently replaces an existing file: two writers racing for the same
 * version could both "win" and one commit would be lost. Here the commit is written to a temp file,
 * fsynced, and published with a hard link, which the OS refuses atomically if the name exists
 * (the approach delta-rs takes). Configured by {@link DeltaTables} under
 * {@code io.delta.kernel.logStore.file.impl}; public because Kernel instantiates it by name.
 */
public final class LinkLogStore extends HadoopFileSystemLogStore {
  private static final Logger log = LoggerFactory.getLogger(LinkLogStore.class);

  public LinkLogStore(Configuration conf) {
    super(conf);
  }

  @Override
  public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration conf) throws IOException {
    Path qualified = path.getFileSystem(conf).makeQualified(path);
    if (!"file".equals(qualified.toUri().getScheme())) {
      writeWithRename(qualified, actions, overwrite, conf);
      return;
    }
    java.nio.file.Path target = java.nio.file.Path.of(qualified.toUri());
    java.nio.file.Path dir = target.getParent();
    if (!Files.isDirectory(dir)) throw new FileNotFoundException("No such directory: " + dir);
    java.nio.file.Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        while (actions.hasNext()) {
          ch.write(ByteBuffer.wrap((actions.next() + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        ch.force(true);
      }
      if (overwrite) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        publish(temp, target);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void publish(java.nio.file.Path temp, java.nio.file.Path target) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (FileAlreadyExistsException e) {
      throw e; // the version is taken: Kernel rebases and retries
    } catch (UnsupportedOperationException | IOException e) {
      if (Files.exists(target)) throw new FileAlreadyExistsException(target.toString());
      // No hard links on this filesystem: a no-replace move is the best left (not atomic).
      log.warn("Hard links unsupported under {} ({}); concurrent commits are not safe there", target.getParent(), e.toString());
      Files.move(temp, target);
    }
  }

  private static void syncDirectory(java.nio.file.Path dir) {
    // Makes the new directory entry durable, so an acknowledged commit survives a power cut.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some filesystems cannot open or sync directories; the file itself is synced.
    }
  }

  /**
   * True: this is Kernel's question about the filesystem, not about {@link #write}. Kernel writes
   * checkpoints straight to their final name when the answer is false, and a concurrent snapshot
   * load then reads a half-written checkpoint ("not a Parquet file"). True makes it write a temp
   * file and rename, as with Kernel's default store.
   */
  @Override
  public Boolean isPartialWriteVisible(Path path, Configuration conf) {
    return true;
  }
}
