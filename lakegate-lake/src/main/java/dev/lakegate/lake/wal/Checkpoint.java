package dev.lakegate.lake.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The committer's progress, in file {@code checkpoint}: every record up to {@code committed} is in
 * the Delta table; {@code inflight > committed} means records up to {@code inflight} were handed to a
 * Delta commit whose outcome is unknown. Recovery must replay exactly that range as one batch with
 * that txn version: a replay batch with a different upper bound would not match what the table
 * recorded and could commit rows twice. Replaced atomically (write, fsync, rename, fsync dir).
 */
record Checkpoint(long committed, long inflight) {
  static final String FILE = "checkpoint";
  private static final int MAGIC = 0x4C47434B;
  private static final int BYTES = 24;

  boolean hasInflight() {
    return inflight > committed;
  }

  static Optional<Checkpoint> read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) return Optional.empty();
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    if (b.capacity() != BYTES || b.getInt(0) != MAGIC || b.getInt(20) != crc(b.array())) {
      throw new WalException(file + " is damaged; it is replaced atomically, so something else wrote it."
          + " Delete it to replay the whole log (the Delta txn id skips batches already committed)");
    }
    return Optional.of(new Checkpoint(b.getLong(4), b.getLong(12)));
  }

  void write(Path dir) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(BYTES).putInt(MAGIC).putLong(committed).putLong(inflight);
    b.putInt(crc(b.array())).flip();
    Path tmp = dir.resolve(FILE + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      while (b.hasRemaining()) ch.write(b);
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Segments.fsyncDirectory(dir);
  }

  private static int crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, 20);
    return (int) crc.getValue();
  }
}
