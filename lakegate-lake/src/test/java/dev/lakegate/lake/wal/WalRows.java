package dev.lakegate.lake.wal;

import dev.lakegate.lake.delta.Row;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A small usage-like schema and rows numbered by {@code id}, for log and writer tests. */
final class WalRows {
  private WalRows() {}

  static final StructType SCHEMA = new StructType()
      .add("id", LongType.LONG, false)
      .add("requester", StringType.STRING, true)
      .add("request_tags", new MapType(StringType.STRING, StringType.STRING, true), true)
      .add("event_time", TimestampType.TIMESTAMP, true);

  static Row row(long id) {
    return Row.of(id, "user-" + id, Map.of("team", "t" + (id % 3)), Instant.ofEpochSecond(1_750_000_000L + id));
  }

  /** Rows with ids in [from, to). */
  static List<Row> rows(long from, long to) {
    List<Row> out = new ArrayList<>();
    for (long id = from; id < to; id++) out.add(row(id));
    return out;
  }

  static List<Long> ids(List<Row> rows) {
    return rows.stream().map(r -> (Long) r.get(0)).sorted().toList();
  }

  static List<Long> range(long from, long to) {
    return Stream.iterate(from, i -> i < to, i -> i + 1).toList();
  }

  /** The segment files in a log directory, by name. */
  static List<Path> segments(Path dir) {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".wal")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
