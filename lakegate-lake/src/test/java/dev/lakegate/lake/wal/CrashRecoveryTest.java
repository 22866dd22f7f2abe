package dev.lakegate.lake.wal;

import static dev.lakegate.lake.wal.WalRows.SCHEMA;
import static dev.lakegate.lake.wal.WalRows.ids;
import static dev.lakegate.lake.wal.WalRows.range;
import static dev.lakegate.lake.wal.WalRows.rows;
import static dev.lakegate.lake.wal.WalRows.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer abandoned without close (a crash at some point), then reopened: every row exactly once. */
class CrashRecoveryTest {
  static final WalOptions MANUAL = WalOptions.DEFAULTS.withFlushInterval(Duration.ofHours(1));

  @TempDir Path dataDir;
  final DeltaTables tables = new DeltaTables();

  DeltaTable table() {
    return tables.create(dataDir.resolve("tables/usage").toString(), SCHEMA, Map.of());
  }

  DurableTableWriter open(DeltaTable table, Hooks hooks) {
    return DurableTableWriter.open(table, dataDir, "usage", MANUAL, hooks, WriteAheadLog.MAX_GROUP);
  }

  @Test
  void crashBeforeAnyCommitReplaysEveryAcknowledgedRowOnce() {
    DeltaTable table = table();
    DurableTableWriter crashed = open(table, Hooks.NONE);
    crashed.write(rows(0, 3));
    crashed.write(rows(3, 10));
    crashed.abandon();
    assertThat(table.read()).isEmpty();

    try (DurableTableWriter writer = open(table, Hooks.NONE)) {
      writer.flush();
      assertThat(ids(table.read())).isEqualTo(range(0, 10));
      writer.write(rows(10, 12));
    }
    try (DurableTableWriter writer = open(table, Hooks.NONE)) {
      writer.flush();
    }
    assertThat(ids(table.read())).isEqualTo(range(0, 12));
  }

  @Test
  void crashAfterTheDeltaCommitBeforeTheCheckpointIsSkippedOnReplay() throws IOException {
    DeltaTable table = table();
    Hooks crashAfterCommit = new Hooks() {
      @Override
      public void afterDeltaCommit(long txnVersion) {
        throw new Hooks.Crash();
      }
    };
    DurableTableWriter crashed = open(table, crashAfterCommit);
    crashed.write(rows(0, 4));
    long last = crashed.write(rows(4, 8));
    assertThatThrownBy(crashed::flush).isInstanceOf(IllegalStateException.class); // the committer "died"
    // Rows logged after the in-flight batch: a replay that merged them into it would re-commit 0..7.
    crashed.write(rows(8, 12));
    crashed.abandon();
    long version = table.snapshot().version();
    assertThat(ids(table.read())).isEqualTo(range(0, 8));
    assertThat(Checkpoint.read(dataDir.resolve("wal/usage"))).get()
        .satisfies(c -> assertThat(c.inflight()).isEqualTo(last))
        .satisfies(c -> assertThat(c.hasInflight()).isTrue());

    try (DurableTableWriter writer = open(table, Hooks.NONE)) {
      writer.flush();
      assertThat(ids(table.read())).isEqualTo(range(0, 12));
      assertThat(table.snapshot().version()).as("the replayed batch is skipped; only 8..11 commit").isEqualTo(version + 1);
      writer.write(rows(12, 14));
      writer.flush();
    }
    assertThat(ids(table.read())).isEqualTo(range(0, 14));
    assertThat(Checkpoint.read(dataDir.resolve("wal/usage"))).get().satisfies(c -> assertThat(c.hasInflight()).isFalse());
  }

  @Test
  void tornTailRecordIsDroppedAndEarlierRecordsRecovered() throws IOException {
    DeltaTable table = table();
    DurableTableWriter crashed = open(table, Hooks.NONE);
    crashed.write(rows(0, 2));
    crashed.write(rows(2, 4));
    crashed.write(rows(4, 6)); // its tail is torn below: as if the crash hit during its write
    crashed.abandon();
    Path segment = segments(dataDir.resolve("wal/usage")).getLast();
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.setLength(f.length() - 10);
    }

    try (DurableTableWriter writer = open(table, Hooks.NONE)) {
      writer.flush();
      assertThat(ids(table.read())).isEqualTo(range(0, 4));
      writer.write(rows(6, 7));
      writer.flush();
    }
    assertThat(ids(table.read())).containsExactly(0L, 1L, 2L, 3L, 6L);
  }

  @Test
  void failingDeltaCommitsAreRetriedAndNeverLoseLoggedRows() throws InterruptedException {
    DeltaTable table = table();
    AtomicInteger attempts = new AtomicInteger();
    Hooks failing = new Hooks() {
      @Override
      public void beforeDeltaCommit(long txnVersion) {
        attempts.incrementAndGet();
        throw new UncheckedIOException(new IOException("simulated: filesystem unavailable"));
      }
    };
    WalOptions options = MANUAL.withRetry(Duration.ofMillis(20), Duration.ofMillis(100))
        .withCloseTimeout(Duration.ofMillis(300));
    DurableTableWriter writer = DurableTableWriter.open(table, dataDir, "usage", options, failing, WriteAheadLog.MAX_GROUP);
    writer.write(rows(0, 5));
    Thread flusher = Thread.ofVirtual().start(() -> assertThatThrownBy(writer::flush)
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped before committing"));
    long start = System.nanoTime();
    while (writer.status().lastCommitError().isEmpty() && System.nanoTime() - start < 5_000_000_000L) Thread.onSpinWait();

    assertThat(writer.status().lastCommitError()).get().asString().contains("filesystem unavailable");
    writer.close(); // gives up after closeTimeout: the rows stay in the log
    assertThat(attempts.get()).isGreaterThan(1);
    assertThat(table.read()).isEmpty();
    assertThat(segments(dataDir.resolve("wal/usage"))).isNotEmpty();

    try (DurableTableWriter again = open(table, Hooks.NONE)) {
      again.flush();
    }
    assertThat(ids(table.read())).isEqualTo(range(0, 5));
    assertThat(flusher.join(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void aTransientlyMissingTableIsRetriedUntilItIsBack() throws Exception {
    DeltaTable table = table();
    Path location = dataDir.resolve("tables/usage");
    Path away = dataDir.resolve("tables/usage-away");
    WalOptions options = MANUAL.withRetry(Duration.ofMillis(20), Duration.ofMillis(100));
    try (DurableTableWriter writer = DurableTableWriter.open(table, dataDir, "usage", options)) {
      writer.write(rows(0, 3));
      Files.move(location, away);
      Thread flusher = Thread.ofVirtual().start(writer::flush);
      long start = System.nanoTime();
      while (writer.status().lastCommitError().isEmpty() && System.nanoTime() - start < 10_000_000_000L) Thread.sleep(10);
      assertThat(writer.status().lastCommitError()).isPresent();

      Files.move(away, location);
      flusher.join(Duration.ofSeconds(20));
      assertThat(flusher.isAlive()).isFalse();
      assertThat(writer.status().lastCommitError()).isEqualTo(Optional.empty());
    }
    assertThat(ids(table.read())).isEqualTo(range(0, 3));
  }

  @Test
  void aLostLogDirectoryDoesNotMakeNewRowsLookLikeReplays() throws IOException {
    DeltaTable table = table();
    try (DurableTableWriter writer = open(table, Hooks.NONE)) {
      writer.write(rows(0, 2));
    }
    try (var files = Files.walk(dataDir.resolve("wal"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    try (DurableTableWriter writer = open(table, Hooks.NONE)) {
      writer.write(rows(2, 4));
      writer.flush();
    }
    assertThat(ids(table.read())).isEqualTo(range(0, 4));
  }
}
