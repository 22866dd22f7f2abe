package dev.lakegate.lake.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a log directory (file {@code lock}): two writers on one log would interleave
 * sequences and replay each other's records. Released by the OS if the process dies.
 */
final class DirectoryLock {
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DirectoryLock acquire(Path dir) {
    FileChannel ch = null;
    try {
      Files.createDirectories(dir);
      ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = ch.tryLock();
      if (lock == null) throw new WalException("Another process has the log in " + dir + " open");
      return new DirectoryLock(ch, lock);
    } catch (OverlappingFileLockException e) {
      close(ch);
      throw new WalException("The log in " + dir + " is already open in this process; share that writer", e);
    } catch (IOException e) {
      close(ch);
      throw new WalException("Cannot open the log directory " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close(ch);
      throw e;
    }
  }

  void release() {
    try {
      if (lock.isValid()) lock.release();
    } catch (IOException e) {
      // Closing the channel below releases it as well.
    }
    close(channel);
  }

  private static void close(FileChannel ch) {
    try {
      if (ch != null) ch.close();
    } catch (IOException e) {
      // Nothing left to do with it.
    }
  }
}
