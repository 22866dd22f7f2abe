package dev.lakegate.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Looking at and trimming a Delta table's directory, for tests. */
final class DeltaDirs {
  private static final Pattern COMMIT_OR_CRC = Pattern.compile("(\\d{20})\\.(json|crc)");

  private DeltaDirs() {}

  /** The file names in {@code _delta_log}, sorted. */
  static List<String> log(Path table) throws IOException {
    try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The versions that have a {@code .checkpoint.parquet}. */
  static List<Long> checkpoints(Path table) throws IOException {
    return log(table).stream().filter(f -> f.endsWith(".checkpoint.parquet"))
        .map(f -> Long.parseLong(f.substring(0, 20))).toList();
  }

  /**
   * A copy of the table without the JSON commits (and checksums) before {@code version}, as
   * Delta's log cleanup leaves it: a reader can only get there through the checkpoint at
   * {@code version}, so reading the copy proves that checkpoint complete and readable.
   */
  static Path copyFromCheckpoint(Path table, Path copy, long version) throws IOException {
    try (Stream<Path> paths = Files.walk(table)) {
      for (Path p : paths.toList()) {
        Path target = copy.resolve(table.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
    for (String name : log(copy)) {
      Matcher m = COMMIT_OR_CRC.matcher(name);
      if (m.matches() && Long.parseLong(m.group(1)) < version) Files.delete(copy.resolve("_delta_log").resolve(name));
    }
    return copy;
  }
}
