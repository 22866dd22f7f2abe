package dev.lakegate.lake.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Segment files {@code 000000000001.wal}, numbered in write order. Each starts with a 16-byte
 * header: magic {@code LGWL}, format version, schema fingerprint; frames follow.
 */
final class Segments {
  static final int MAGIC = 0x4C47574C;
  static final int VERSION = 1;
  static final int HEADER_BYTES = 16;
  private static final Pattern NAME = Pattern.compile("(\\d{12})\\.wal");

  private Segments() {}

  static Path path(Path dir, long index) {
    return dir.resolve(String.format("%012d.wal", index));
  }

  /** The segment files in {@code dir} by number. */
  static TreeMap<Long, Path> list(Path dir) throws IOException {
    TreeMap<Long, Path> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(f -> {
        Matcher m = NAME.matcher(f.getFileName().toString());
        if (m.matches()) out.put(Long.parseLong(m.group(1)), f);
      });
    }
    return out;
  }

  /** A new segment with its header, durable (file and directory entry) before any frame goes in. */
  static FileChannel create(Path dir, long index, long fingerprint) throws IOException {
    FileChannel ch = FileChannel.open(path(dir, index), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).putLong(fingerprint).flip();
      while (header.hasRemaining()) ch.write(header);
      ch.force(true);
      fsyncDirectory(dir);
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Makes creations, renames and truncations in {@code dir} survive a power loss (POSIX needs this). */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory as a channel; it has no such requirement either.
      if (!System.getProperty("os.name", "").startsWith("Windows")) throw e;
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Deleting committed log segment " + file, e);
    }
  }
}
