package dev.lakegate.lake.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash proof with real processes: a child JVM ({@link KillTestChild}) writes rows with unique ids
 * through a {@link DurableTableWriter} and reports each acknowledged id range; this test kills it
 * with SIGKILL at a random moment, round after round, and after replaying the log checks the Delta
 * table: every acknowledged id exactly once, any other id at most once.
 *
 * <p>The rounds kill (a) at a random moment of steady small writes, (b) inside a Delta append of a
 * 50k-row batch (after its intent was checkpointed, before the append returned), (c) after a Delta
 * commit landed but before the checkpoint recorded it (the committer is slowed there by a test
 * hook), and (d) right after start, while the child replays the previous crash. Most rounds are
 * replayed by a writer opened in this JVM; some only by the next child. Set {@code -Dkilltest.seed}
 * to repeat a run's random choices (the seed is printed).
 */
class KillTest {
  private static final long IDS_PER_ROUND = 1_000_000_000L;

  enum Kill {
    /** At a random moment 0.2–1.5 s into steady small writes. */
    RANDOM("steady"),
    /** Inside a Delta append: after a BEGIN marker, before its END. */
    MID_COMMIT("bulk"),
    /** Between a Delta commit and the checkpoint that records it. */
    AFTER_COMMIT("slow-checkpoint"),
    /** As soon as the child is ready: while it replays what the previous child left. */
    DURING_REPLAY("steady");

    final String mode;

    Kill(String mode) {
      this.mode = mode;
    }
  }

  /** A kill plan, and whether this JVM replays and checks right after it (else the next child replays it). */
  record Round(Kill kill, boolean checkAfter) {}

  static final List<Round> ROUNDS = List.of(
      new Round(Kill.RANDOM, true),
      new Round(Kill.MID_COMMIT, true),
      new Round(Kill.RANDOM, false),
      new Round(Kill.DURING_REPLAY, false),
      new Round(Kill.MID_COMMIT, false),
      new Round(Kill.AFTER_COMMIT, true),
      new Round(Kill.RANDOM, true));

  @TempDir Path dir;

  private final List<long[]> acked = new ArrayList<>(); // {firstId, count}

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void everyAcknowledgedRowSurvivesSigkillExactlyOnce() throws Exception {
    long seed = Long.getLong("killtest.seed", System.nanoTime());
    Random random = new Random(seed);
    System.out.println("KillTest seed " + seed + " (-Dkilltest.seed=" + seed + " repeats it)");
    Path dataDir = dir.resolve("data");
    String location = dir.resolve("tables/kill").toString();
    DeltaTables tables = new DeltaTables();
    DeltaTable table = tables.create(location, KillTestChild.SCHEMA, Map.of());
    Path walDir = dataDir.resolve("wal").resolve(KillTestChild.TABLE_ID);

    int midCommitKills = 0;
    int afterCommitKills = 0;
    long start = System.nanoTime();
    for (int r = 0; r < ROUNDS.size(); r++) {
      Round round = ROUNDS.get(r);
      // What the child replays first (a batch whose commit a previous kill interrupted), if anything.
      long replayTxn = Checkpoint.read(walDir).filter(Checkpoint::hasInflight).map(Checkpoint::inflight).orElse(0L);
      Child child = Child.start(dataDir, location, (r + 1) * IDS_PER_ROUND, round.kill().mode, dir.resolve("child-" + r + ".err"));
      try {
        Outcome o = killPerPlan(child, round.kill(), random, replayTxn);
        Checkpoint cp = Checkpoint.read(walDir).orElse(null);
        acked.addAll(child.acks);
        String note = switch (round.kill()) {
          case MID_COMMIT -> o.insideCommit ? "killed inside the Delta append of txn " + o.txn : "missed the commit window";
          case AFTER_COMMIT -> o.afterCommit ? "killed after Delta commit of txn " + o.txn + ", before its checkpoint"
              : "missed the after-commit window";
          default -> "killed " + o.millisAfterReady + " ms after READY, last committer marker '" + o.lastMarker + "'";
        };
        if (round.kill() == Kill.MID_COMMIT && o.insideCommit) {
          midCommitKills++;
          assertThat(cp).as("the batch's intent was recorded before its append").isNotNull();
          assertThat(cp.inflight()).isEqualTo(o.txn);
          assertThat(cp.hasInflight()).isTrue();
        }
        if (round.kill() == Kill.AFTER_COMMIT && o.afterCommit) {
          afterCommitKills++;
          assertThat(cp).isNotNull();
          assertThat(cp.inflight()).isEqualTo(o.txn);
          assertThat(cp.hasInflight()).as("the checkpoint had not recorded the landed commit").isTrue();
        }
        System.out.printf("round %d %-13s exit %d, %,d acks (%,d rows), %s%s%n", r + 1, round.kill(), o.exit,
            child.acks.size(), child.acks.stream().mapToLong(a -> a[1]).sum(), note,
            replayTxn > 0 ? "; it first replayed the in-flight batch " + replayTxn : "");
      } finally {
        child.process.destroyForcibly();
      }
      if (round.checkAfter()) {
        replayInThisJvm(table, dataDir);
        check(table, "after round " + (r + 1));
      }
    }
    replayInThisJvm(table, dataDir);
    long[] ids = check(table, "at the end");
    System.out.printf("KillTest: %d rounds, %,d rows acknowledged, %,d rows in the table, %d kills inside a Delta"
            + " append, %d after a commit before its checkpoint, %d Parquet files left by killed appends; %.1f s%n",
        ROUNDS.size(), acked.stream().mapToLong(a -> a[1]).sum(), ids.length, midCommitKills, afterCommitKills,
        orphans(Path.of(location), table.snapshot().files()), (System.nanoTime() - start) / 1e9);
    assertThat(midCommitKills).as("at least one kill inside a Delta append (see the rounds above)").isGreaterThanOrEqualTo(1);
    assertThat(afterCommitKills).as("the kill between a Delta commit and its checkpoint").isEqualTo(1);
  }

  record Outcome(int exit, long millisAfterReady, boolean insideCommit, boolean afterCommit, long txn, String lastMarker) {}

  private static Outcome killPerPlan(Child child, Kill kill, Random random, long replayTxn) throws Exception {
    child.await(line -> line.equals("READY"), 30_000);
    long ready = System.nanoTime();
    long txn = 0;
    switch (kill) {
      case RANDOM -> {
        child.await(line -> line.startsWith("ACK "), 10_000);
        Thread.sleep(200 + random.nextInt(1_300));
      }
      case DURING_REPLAY -> Thread.sleep(random.nextInt(50));
      case AFTER_COMMIT -> {
        // The END of a new batch (not the replay of the previous crash's); the committer sleeps 3 s after it.
        txn = Long.parseLong(child.await(line -> line.startsWith("END ") && !line.equals("END " + replayTxn), 20_000)
            .substring(4));
        Thread.sleep(random.nextInt(200));
      }
      case MID_COMMIT -> {
        // Time one full append, then kill at a random point of a later one.
        long took = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
          String begin = child.await(line -> line.startsWith("BEGIN "), 20_000);
          long t0 = System.nanoTime();
          if (took > 0 && attempt >= 2) {
            Thread.sleep(random.nextLong(Math.max(1, took * 7 / 10)));
            txn = Long.parseLong(begin.substring(6));
            break;
          }
          child.await(line -> line.startsWith("END "), 20_000);
          took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        }
      }
    }
    long killedAt = System.nanoTime();
    child.process.destroyForcibly();
    assertThat(child.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    int exit = child.process.exitValue();
    assertThat(exit).as("destroyForcibly sends SIGKILL: exit status 128 + 9").isEqualTo(137);
    child.drain();
    // The child's last marker before it died: its stdout is a pipe, so every line it wrote arrived.
    boolean insideCommit = kill == Kill.MID_COMMIT && child.lastMarker().equals("BEGIN " + txn);
    boolean afterCommit = kill == Kill.AFTER_COMMIT && child.lastMarker().equals("END " + txn);
    return new Outcome(exit, TimeUnit.NANOSECONDS.toMillis(killedAt - ready), insideCommit, afterCommit, txn,
        child.lastMarker());
  }

  private static void replayInThisJvm(DeltaTable table, Path dataDir) {
    try (DurableTableWriter writer = DurableTableWriter.open(table, dataDir, KillTestChild.TABLE_ID, WalOptions.DEFAULTS)) {
      writer.flush();
      assertThat(writer.status().uncommittedRows()).isZero();
    }
  }

  /** Every acknowledged id exactly once, no id twice; returns the table's ids, sorted. */
  private long[] check(DeltaTable table, String when) throws Exception {
    long[] ids = ids(table.snapshot().files());
    for (int i = 1; i < ids.length; i++) {
      if (ids[i] == ids[i - 1]) throw new AssertionError("id " + ids[i] + " is in the table twice " + when);
    }
    long missing = 0;
    String firstMissing = null;
    for (long[] a : acked) {
      for (long id = a[0]; id < a[0] + a[1]; id++) {
        if (Arrays.binarySearch(ids, id) < 0) {
          if (missing++ == 0) firstMissing = String.valueOf(id);
        }
      }
    }
    assertThat(missing).as("acknowledged ids missing %s (first: %s)", when, firstMissing).isZero();
    return ids;
  }

  /** Parquet files under the table that no version references: written by appends a kill cut short. */
  private static long orphans(Path location, List<String> active) throws IOException {
    try (Stream<Path> files = Files.walk(location)) {
      return files.filter(f -> f.toString().endsWith(".parquet") && !f.toString().contains("_delta_log"))
          .filter(f -> !active.contains(f.toAbsolutePath().toString())).count();
    }
  }

  /** The ids of the table's data files, read with DuckDB straight from the snapshot's Parquet files. */
  private static long[] ids(List<String> files) throws Exception {
    if (files.isEmpty()) return new long[0];
    String list = files.stream().map(f -> "'" + f.replace("'", "''") + "'").collect(Collectors.joining(", ", "[", "]"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM read_parquet(" + list + ") ORDER BY id")) {
      long[] ids = new long[1024];
      int n = 0;
      while (rs.next()) {
        if (n == ids.length) ids = Arrays.copyOf(ids, n * 2);
        ids[n++] = rs.getLong(1);
      }
      return Arrays.copyOf(ids, n);
    }
  }

  /** A running child JVM and what it reported. */
  static final class Child {
    final Process process;
    final List<long[]> acks = new ArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final Path errFile;
    private String lastMarker = "";
    private static final String EOF = "\u0000EOF";

    private Child(Process process, Path errFile) {
      this.process = process;
      this.errFile = errFile;
      this.reader = Thread.ofPlatform().daemon().name("kill-child-out").start(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) lines.add(line);
        } catch (IOException e) {
          // killed
        } finally {
          lines.add(EOF);
        }
      });
    }

    static Child start(Path dataDir, String location, long firstId, String mode, Path errFile) throws IOException {
      String java = ProcessHandle.current().info().command().orElseThrow();
      List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
          "-XX:TieredStopAtLevel=1", "-Xmx512m",
          "-cp", System.getProperty("java.class.path"), KillTestChild.class.getName(),
          dataDir.toString(), location, String.valueOf(firstId), mode));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(errFile.toFile()).start();
      return new Child(p, errFile);
    }

    /** Consumes lines until one matches; records ACKs and markers on the way. */
    String await(java.util.function.Predicate<String> match, long timeoutMillis) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (true) {
        String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null || line.equals(EOF)) {
          throw new AssertionError((line == null ? "Timed out" : "The child ended") + " waiting for a line; its stderr:\n"
              + tail(errFile));
        }
        consume(line);
        if (match.test(line)) return line;
      }
    }

    /** After the kill: reads what is left up to EOF. */
    void drain() throws InterruptedException {
      for (String line; !(line = lines.take()).equals(EOF); ) consume(line);
      reader.join();
    }

    String lastMarker() {
      return lastMarker;
    }

    private void consume(String line) {
      if (line.startsWith("ACK ")) {
        String[] p = line.split(" ");
        acks.add(new long[] {Long.parseLong(p[2]), Long.parseLong(p[3])});
      } else if (line.startsWith("BEGIN ") || line.startsWith("END ")) {
        lastMarker = line;
      } else if (line.equals("TIMEOUT")) {
        throw new AssertionError("The child ran out of time before it was killed");
      }
    }

    private static String tail(Path file) {
      try (Stream<String> s = Files.lines(file)) {
        List<String> all = s.toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    }
  }
}
