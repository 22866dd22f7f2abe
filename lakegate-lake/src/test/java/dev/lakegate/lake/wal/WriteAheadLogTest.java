package dev.lakegate.lake.wal;

import static dev.lakegate.lake.wal.WalRows.SCHEMA;
import static dev.lakegate.lake.wal.WalRows.rows;
import static dev.lakegate.lake.wal.WalRows.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.lake.delta.Row;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
  @TempDir Path dir;
  final List<WalRecord> durable = new CopyOnWriteArrayList<>();
  WriteAheadLog wal;

  WriteAheadLog open(WalOptions options) {
    wal = WriteAheadLog.open(dir, SCHEMA, options, durable::add, () -> Duration.ofSeconds(3), WriteAheadLog.MAX_GROUP);
    return wal;
  }

  @AfterEach
  void closeLog() {
    if (wal != null) wal.close();
  }

  @Test
  void appendsAreFsyncedInSequenceAndRecoveredOnReopen() {
    long before = System.currentTimeMillis() * 1000;
    open(WalOptions.DEFAULTS);
    long first = wal.append(rows(0, 2));
    long second = wal.append(rows(2, 5));

    assertThat(first).as("a fresh log starts at the epoch microsecond").isGreaterThanOrEqualTo(before);
    assertThat(second).isEqualTo(first + 1);
    assertThat(durable).extracting(WalRecord::seq).containsExactly(first, second);
    wal.close();

    open(WalOptions.DEFAULTS);
    List<WalRecord> recovered = wal.recovery().records();
    assertThat(recovered).extracting(WalRecord::seq).containsExactly(first, second);
    assertThat(RowDecoder.decode(SCHEMA, recovered.get(1).payload(), 3)).isEqualTo(rows(2, 5));
    assertThat(wal.append(rows(5, 6))).isEqualTo(second + 1);
    assertThat(segments(dir)).hasSize(2); // a reopened log starts a new segment
  }

  @Test
  void rowsThatDoNotFitWriteNothing() {
    open(WalOptions.DEFAULTS);
    long last = wal.append(rows(0, 1));
    Row bad = Row.of("not a long", null, null, null);

    assertThatThrownBy(() -> wal.append(List.of(WalRows.row(1), bad)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Row 1: Column id is long");
    assertThat(wal.lastDurable()).isEqualTo(last);
    assertThat(wal.uncommittedRows()).isEqualTo(1);
    assertThat(wal.append(List.of())).isEqualTo(last);
  }

  @Test
  void backPressureIsImmediateAndLiftsWhenRowsAreCommitted() {
    open(WalOptions.DEFAULTS.withMaxUncommitted(1 << 20, 10));
    wal.append(rows(0, 6));
    long seq = wal.append(rows(6, 10));

    long start = System.nanoTime();
    assertThatThrownBy(() -> wal.append(rows(10, 11)))
        .isInstanceOfSatisfying(BackPressureException.class, e -> {
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
          assertThat(e.retryAfterSeconds()).isEqualTo(3);
        })
        .hasMessageContaining("10 uncommitted rows");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    List<Row> unreadable = new AbstractList<>() { // refused before a row is even looked at (encoded)
      @Override public Row get(int index) { throw new AssertionError("encoded a refused write"); }
      @Override public int size() { return 1; }
    };
    assertThatThrownBy(() -> wal.append(unreadable)).isInstanceOf(BackPressureException.class);
    assertThatThrownBy(() -> wal.admit(1)).isInstanceOf(BackPressureException.class);
    assertThatThrownBy(() -> wal.append(rows(0, 11))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("split it");

    wal.committed(seq, durable.stream().mapToLong(r -> r.payload().length).sum(), 10);
    wal.admit(1);
    assertThat(wal.append(rows(10, 20))).isEqualTo(seq + 1);
  }

  @Test
  void rollsSegmentsBySizeAndDeletesThoseFullyCommitted() {
    open(WalOptions.DEFAULTS.withSegmentBytes(1024));
    for (int i = 0; i < 100; i++) wal.append(rows(i, i + 1));
    int before = segments(dir).size();
    assertThat(before).isGreaterThan(3);
    assertThat(segments(dir)).allSatisfy(f -> assertThat(Files.size(f)).isLessThanOrEqualTo(1024));

    WalRecord half = durable.get(49);
    wal.committed(half.seq(), 0, 0);
    assertThat(segments(dir)).hasSizeBetween(before / 2 - 1, before / 2 + 2);
    wal.close();

    open(WalOptions.DEFAULTS);
    List<WalRecord> kept = wal.recovery().records(); // no checkpoint: whatever the kept segments hold
    assertThat(kept.getFirst().seq()).isBetween(durable.get(30).seq(), half.seq() + 1);
    assertThat(kept.getLast().seq()).isEqualTo(durable.getLast().seq());
  }

  @Test
  void checkpointedRecordsAreNotReplayedAndTheirSegmentsGo() throws IOException {
    open(WalOptions.DEFAULTS.withSegmentBytes(1024));
    for (int i = 0; i < 30; i++) wal.append(rows(i, i + 1));
    wal.close();
    long committed = durable.get(24).seq();
    new Checkpoint(committed, committed).write(dir);

    open(WalOptions.DEFAULTS);
    assertThat(wal.recovery().committed()).isEqualTo(committed);
    assertThat(wal.recovery().records()).extracting(WalRecord::seq)
        .containsExactlyElementsOf(durable.subList(25, 30).stream().map(WalRecord::seq).toList());
    assertThat(segments(dir)).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void tornTailIsTruncatedOnReopenAndItsSequenceReused() throws IOException {
    open(WalOptions.DEFAULTS);
    wal.append(rows(0, 1));
    wal.append(rows(1, 2));
    long third = wal.append(rows(2, 3));
    wal.close();
    Path segment = segments(dir).getFirst();
    long size = Files.size(segment);
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.setLength(size - 7);
    }

    open(WalOptions.DEFAULTS);
    assertThat(wal.recovery().records()).hasSize(2);
    assertThat(Files.size(segment)).isEqualTo(size - Frames.length(durable.get(2).payload()));
    assertThat(wal.append(rows(9, 10))).isEqualTo(third);
  }

  @Test
  void damageBeforeTheLastSegmentIsRefusedNotSkipped() throws IOException {
    open(WalOptions.DEFAULTS.withSegmentBytes(1024));
    for (int i = 0; i < 60; i++) wal.append(rows(i, i + 1));
    wal.close();
    assertThat(segments(dir)).hasSizeGreaterThan(1);
    Path first = segments(dir).getFirst();
    try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
      f.setLength(f.length() - 1);
    }
    wal = null;

    assertThatThrownBy(() -> open(WalOptions.DEFAULTS)).isInstanceOf(WalException.class)
        .hasMessageContaining(first.toString()).hasMessageContaining("is not the last segment");
  }

  @Test
  void aLogForAnotherSchemaOrAnOpenLogIsRefused() {
    open(WalOptions.DEFAULTS);
    wal.append(rows(0, 1));
    assertThatThrownBy(() -> WriteAheadLog.open(dir, SCHEMA, WalOptions.DEFAULTS, r -> {}, () -> Duration.ZERO, 1))
        .isInstanceOf(WalException.class).hasMessageContaining("already open in this process");
    wal.close();
    wal = null;

    StructType other = new StructType().add("id", StringType.STRING);
    assertThatThrownBy(() -> WriteAheadLog.open(dir, other, WalOptions.DEFAULTS, r -> {}, () -> Duration.ZERO, 1))
        .isInstanceOf(WalException.class).hasMessageContaining("different table schema");
  }
}
