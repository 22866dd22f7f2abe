package dev.lakegate.lake.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers, one table: every append lands exactly once and the log has no gaps. */
class ConcurrentAppendTest {
  @TempDir Path dir;

  @Test
  void eightThreadsTimesFiftyAppends() throws Exception {
    DeltaTable t = new DeltaTables().create(dir.toString(), TestSchemas.OTEL_METRICS, Map.of());
    long start = System.nanoTime();
    List<AppendResult> results = runWriters(t, 8, 50);
    System.out.printf("8 threads x 50 appends: %d ms%n", (System.nanoTime() - start) / 1_000_000);

    assertThat(results).hasSize(400).allMatch(r -> r instanceof AppendResult.Committed);
    assertThat(results).as("Kernel rebased some appends over concurrent commits")
        .anyMatch(r -> ((AppendResult.Committed) r).commitAttempts() > 1);
    assertThat(results.stream().map(r -> ((AppendResult.Committed) r).version()).sorted().toList())
        .isEqualTo(LongStream.rangeClosed(1, 400).boxed().toList());
    assertLogContiguous(400);
    assertThat(t.read()).hasSize(400).extracting(r -> r.get(0)).doesNotHaveDuplicates();
    assertThat(t.snapshot().files()).hasSize(400);
  }

  @Test
  void threadsAndASecondProcessShareATable() throws Exception {
    DeltaTable t = new DeltaTables().create(dir.toString(), TestSchemas.OTEL_METRICS, Map.of());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (String name : List.of("proc-a", "proc-b")) {
      children.add(new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
          System.getProperty("java.class.path"), AppendMain.class.getName(), dir.toString(), name, "25")
          .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start());
    }
    List<AppendResult> results = runWriters(t, 2, 25);
    for (int i = 0; i < children.size(); i++) {
      Process p = children.get(i);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(dir.resolve("proc-" + "ab".charAt(i) + ".log"))).isZero();
    }
    assertThat(results).allMatch(r -> r instanceof AppendResult.Committed);
    assertLogContiguous(100);
    assertThat(t.read()).hasSize(100).extracting(r -> r.get(0)).doesNotHaveDuplicates();
  }

  private static List<AppendResult> runWriters(DeltaTable t, int threads, int appends) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<AppendResult>>> futures = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        String appId = "thread-" + w;
        futures.add(pool.submit(() -> AppendMain.appendMany(t, appId, appends)));
      }
      List<AppendResult> all = new ArrayList<>();
      for (Future<List<AppendResult>> f : futures) all.addAll(f.get(5, TimeUnit.MINUTES));
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private void assertLogContiguous(int lastVersion) throws Exception {
    try (var files = Files.list(dir.resolve("_delta_log"))) {
      List<String> commits = files.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d{20}\\.json")).sorted().collect(Collectors.toList());
      assertThat(commits).hasSize(lastVersion + 1);
      assertThat(commits.getLast()).isEqualTo(String.format("%020d.json", lastVersion));
    }
  }

  /** A writer in its own JVM: {@code <table> <appId> <appends>}. */
  public static final class AppendMain {
    public static void main(String[] args) throws Exception {
      DeltaTable t = new DeltaTables().open(args[0]);
      List<AppendResult> results = appendMany(t, args[1], Integer.parseInt(args[2]));
      if (!results.stream().allMatch(r -> r instanceof AppendResult.Committed)) {
        System.err.println("not all committed: " + results);
        System.exit(1);
      }
    }

    static List<AppendResult> appendMany(DeltaTable t, String appId, int appends) {
      List<AppendResult> results = new ArrayList<>();
      for (int i = 1; i <= appends; i++) {
        results.add(t.append(List.of(TestSchemas.sumPoint(appId + "/" + i, i, appId)), appId, i));
      }
      return results;
    }
  }
}
