package dev.lakegate.lake.wal;

import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process {@link KillTest} kills: opens a {@link DurableTableWriter} (replaying what the last
 * process left) and writes rows with unique ids from several threads until it is killed. Reports on
 * its own stdout, one flushed line each:
 *
 * <ul>
 *   <li>{@code READY} once the writer is open;
 *   <li>{@code ACK <seq> <firstId> <count>} right after {@code write} returned for ids
 *       {@code [firstId, firstId + count)};
 *   <li>{@code BEGIN <txn>} when the committer starts a Delta append (its intent is already
 *       checkpointed), {@code END <txn>} when that append returned (before the checkpoint records it).
 * </ul>
 *
 * <p>Usage: {@code KillTestChild <dataDir> <tableLocation> <firstId> <mode>}, mode one of
 * {@code steady} (4 threads, 1–20 rows per write, commits every 100 ms), {@code bulk} (2 threads,
 * 2,000 rows per write, 50k-row commits that take long enough to be killed inside), {@code
 * slow-checkpoint} (steady, but the committer sleeps 3 s after each Delta commit before it
 * checkpoints it: the window between Delta and the checkpoint).
 */
public final class KillTestChild {
  static final String TABLE_ID = "kill";
  static final StructType SCHEMA = new StructType()
      .add("id", LongType.LONG, false)
      .add("writer", IntegerType.INTEGER, true)
      .add("payload", StringType.STRING, true)
      .add("tags", new MapType(StringType.STRING, StringType.STRING, true), true);
  /** A child gives up by itself after this long, in case its parent died without killing it. */
  static final long MAX_LIFE_MILLIS = 60_000;

  private KillTestChild() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    String location = args[1];
    long firstId = Long.parseLong(args[2]);
    String mode = args[3];
    // Our own unbuffered view of fd 1 (logging goes to System.out too; lines are written whole).
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));

    boolean bulk = mode.equals("bulk");
    boolean slowCheckpoint = mode.equals("slow-checkpoint");
    Hooks hooks = new Hooks() {
      @Override
      public void beforeDeltaCommit(long txnVersion) {
        say(out, "BEGIN " + txnVersion);
      }

      @Override
      public void afterDeltaCommit(long txnVersion) {
        say(out, "END " + txnVersion);
        if (slowCheckpoint) sleep(3_000);
      }
    };
    WalOptions options = WalOptions.DEFAULTS.withFlushInterval(Duration.ofMillis(100))
        .withRetry(Duration.ofMillis(50), Duration.ofMillis(500));
    DeltaTable table = new DeltaTables().open(location);
    DurableTableWriter writer = DurableTableWriter.open(table, dataDir, TABLE_ID, options, hooks, WriteAheadLog.MAX_GROUP);
    say(out, "READY");

    AtomicLong nextId = new AtomicLong(firstId);
    int threads = bulk ? 2 : 4;
    for (int t = 0; t < threads; t++) {
      int w = t;
      Thread.ofPlatform().daemon().name("kill-writer-" + t).start(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
          int n = bulk ? 2_000 : random.nextInt(1, 21);
          long from = nextId.getAndAdd(n);
          List<Row> rows = rows(from, n, w);
          while (true) {
            try {
              long seq = writer.write(rows);
              say(out, "ACK " + seq + " " + from + " " + n);
              break;
            } catch (BackPressureException e) {
              sleep(20); // the same ids again: they were not written
            }
          }
          if (!bulk) sleep(random.nextInt(0, 3));
        }
      });
    }
    Thread.sleep(MAX_LIFE_MILLIS);
    say(out, "TIMEOUT");
    System.exit(3);
  }

  static List<Row> rows(long from, int n, int writer) {
    List<Row> rows = new ArrayList<>(n);
    for (long id = from; id < from + n; id++) {
      rows.add(Row.of(id, writer, "payload-" + id + "-" + Long.toHexString(id * 0x9E3779B97F4A7C15L).repeat(4),
          Map.of("writer", String.valueOf(writer), "bucket", String.valueOf(id % 17))));
    }
    return rows;
  }

  private static void say(PrintStream out, String line) {
    synchronized (out) {
      out.print(line + "\n");
      out.flush();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
