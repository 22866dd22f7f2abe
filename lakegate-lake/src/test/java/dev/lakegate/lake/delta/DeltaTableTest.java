package dev.lakegate.lake.delta;

import static dev.lakegate.lake.delta.TestSchemas.ALL_TYPES;
import static dev.lakegate.lake.delta.TestSchemas.OTEL_METRICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaTableTest {
  static final Map<String, String> OTEL = Map.of("otel.schemaVersion", "v1");
  final DeltaTables tables = new DeltaTables();
  @TempDir Path dir;

  @Test
  void appendsEveryKindOfValueAndReadsItBack() {
    DeltaTable metrics = tables.create(dir.resolve("metrics").toString(), OTEL_METRICS, OTEL);
    List<Row> rows = new ArrayList<>(TestSchemas.otherPoints());
    rows.add(TestSchemas.sumPoint("claude_code.token.usage", 42.5, "alice"));

    assertThat(metrics.append(rows, "wal-1", 1)).isInstanceOf(AppendResult.Committed.class);

    assertThat(metrics.read()).containsExactlyInAnyOrderElementsOf(rows);
    TableSnapshot snap = metrics.snapshot();
    assertThat(snap.version()).isEqualTo(1);
    assertThat(snap.schema()).isEqualTo(OTEL_METRICS);
    assertThat(snap.properties()).containsEntry("otel.schemaVersion", "v1");
    assertThat(snap.files()).hasSize(1).allSatisfy(f -> assertThat(Path.of(f)).isAbsolute().exists());
  }

  @Test
  void everyPrimitiveTypeRoundTrips() {
    DeltaTable t = tables.create(dir.toString(), ALL_TYPES, Map.of());
    Row nulls = Row.of(null, null, null, null, null, null, null, null, null, null, null, null, null, null, 2L);
    Row widened = Row.of("w", 5, (short) 1, (byte) 1, (byte) 1, 0.5f, 1f, false, null,
        Instant.parse("1969-12-31T23:59:59.999999Z"), null, 5L, 7, new byte[0], 3L);
    t.append(List.of(TestSchemas.allTypes(1), nulls, widened));

    assertThat(t.read()).containsExactlyInAnyOrder(TestSchemas.allTypes(1), nulls,
        Row.of("w", 5L, 1, (short) 1, (byte) 1, 0.5d, 1f, false, null,
            Instant.parse("1969-12-31T23:59:59.999999Z"), null, new java.math.BigDecimal("5.000"),
            new java.math.BigDecimal("7.00000"), new byte[0], 3L));
  }

  @Test
  void refusesRowsThatDoNotFitBeforeCommitting() {
    DeltaTable t = tables.create(dir.toString(), OTEL_METRICS, OTEL);
    Row good = TestSchemas.sumPoint("n", 1, "u");
    Object[] bad = good.values();
    bad[5] = Row.of(1L, 2L, "not a double", List.of(), Map.of(), 0, "x", true);

    assertThatThrownBy(() -> t.append(List.of(good, Row.of(bad)), "a", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum.value").hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> t.append(List.of(Row.of("too", "short"))))
        .hasMessageContaining("has 2 values but the table has 14 columns");
    DeltaTable notNull = tables.create(dir.resolve("nn").toString(), ALL_TYPES, Map.of());
    Object[] noId = TestSchemas.allTypes(1).values();
    noId[14] = null;
    assertThatThrownBy(() -> notNull.append(List.of(Row.of(noId)))).hasMessageContaining("id is NOT NULL");

    assertThat(t.snapshot().version()).isZero();
    assertThat(t.read()).isEmpty();
  }

  @Test
  void aLargeAppendIsSeveralFilesWrittenInParallelAndAllOrNothing() throws Exception {
    DeltaTable t = tables.create(dir.resolve("t").toString(), OTEL_METRICS, OTEL);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) rows.add(TestSchemas.sumPoint("m" + i, i, "u" + i % 7));
    List<Row> bad = new ArrayList<>(rows);
    Object[] last = rows.getLast().values();
    last[0] = 42L;
    bad.set(bad.size() - 1, Row.of(last));

    // Found after each writing thread has started its file: those files are deleted again.
    assertThatThrownBy(() -> t.append(bad, "w", 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Column name is string but got java.lang.Long");
    try (var files = Files.list(dir.resolve("t"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".parquet"))).isEmpty();
    }
    AppendResult.Committed done = (AppendResult.Committed) t.append(rows, "w", 1);
    assertThat(done.rows()).isEqualTo(40_000);
    assertThat(done.files()).isEqualTo(Math.clamp(Runtime.getRuntime().availableProcessors(), 1, DataFiles.MAX_FILES));
    List<Row> read = t.read();
    assertThat(read).hasSize(rows.size());
    assertThat(new HashSet<>(read)).isEqualTo(new HashSet<>(rows)); // the names make every row distinct
  }

  @Test
  void replayedBatchIsSkipped() {
    DeltaTable t = tables.create(dir.toString(), OTEL_METRICS, OTEL);
    List<Row> batch = List.of(TestSchemas.sumPoint("n", 1, "u"), TestSchemas.sumPoint("n", 2, "u"));

    assertThat(t.append(batch, "gateway-wal", 7)).isInstanceOf(AppendResult.Committed.class);
    assertThat(t.append(batch, "gateway-wal", 7)).isEqualTo(new AppendResult.Skipped("gateway-wal", 7));
    assertThat(t.append(batch, "gateway-wal", 6)).isInstanceOf(AppendResult.Skipped.class);
    assertThat(t.append(batch, "other-writer", 7)).isInstanceOf(AppendResult.Committed.class);
    assertThat(t.append(batch, "gateway-wal", 8)).isInstanceOf(AppendResult.Committed.class);

    assertThat(t.read()).hasSize(6);
    assertThat(t.snapshot().version()).isEqualTo(3);
  }

  @Test
  void appendAfterCommitsOnlyOverTheTransactionVersionItNames() {
    DeltaTable t = tables.create(dir.toString(), OTEL_METRICS, OTEL);
    List<Row> batch = List.of(TestSchemas.sumPoint("n", 1, "u"));
    assertThat(t.transactionVersion("rollup")).isEmpty();

    assertThat(t.appendAfter(batch, "rollup", Optional.of(3L), 5))
        .as("it never committed").isInstanceOf(AppendResult.Skipped.class);
    assertThat(t.appendAfter(batch, "rollup", Optional.empty(), 5)).isInstanceOf(AppendResult.Committed.class);
    assertThat(t.appendAfter(batch, "rollup", Optional.empty(), 9))
        .as("from the start again: overtaken").isInstanceOf(AppendResult.Skipped.class);
    assertThat(t.appendAfter(batch, "rollup", Optional.of(5L), 9)).isInstanceOf(AppendResult.Committed.class);

    assertThat(t.transactionVersion("rollup")).contains(9L);
    assertThat(t.read()).hasSize(2);
  }

  @Test
  void filesAtAnOlderVersionAreThoseItHeld() {
    DeltaTable t = tables.create(dir.toString(), OTEL_METRICS, OTEL);
    t.append(List.of(TestSchemas.sumPoint("a", 1, "u")));
    List<String> first = t.snapshot().files();
    t.append(List.of(TestSchemas.sumPoint("b", 2, "u")));

    assertThat(t.filesAt(0)).isEmpty();
    assertThat(t.filesAt(1)).isEqualTo(first);
    assertThat(t.snapshot().files()).hasSize(2).containsAll(first);
    assertThatThrownBy(() -> t.filesAt(3)).isInstanceOf(DeltaTableException.class).hasMessageContaining("version 3");
  }

  @Test
  void createIsIdempotentAndRefusesADifferentTable() {
    String at = dir.resolve("t").toString();
    DeltaTable first = tables.create(at, OTEL_METRICS, OTEL);
    first.append(List.of(TestSchemas.sumPoint("n", 1, "u")));

    DeltaTable again = tables.create(at, OTEL_METRICS, OTEL);
    assertThat(again.snapshot().version()).isEqualTo(1);
    assertThatThrownBy(() -> tables.create(at, ALL_TYPES, Map.of()))
        .isInstanceOf(DeltaTableException.class).hasMessageContaining("different schema");
    assertThatThrownBy(() -> tables.create(at, OTEL_METRICS, Map.of("otel.schemaVersion", "v2")))
        .isInstanceOf(DeltaTableException.class).hasMessageContaining("otel.schemaVersion");
    assertThatThrownBy(() -> tables.create(dir.resolve("cm").toString(), ALL_TYPES,
        Map.of("delta.columnMapping.mode", "name"))).hasMessageContaining("column mapping");
    assertThatThrownBy(() -> tables.open(dir.resolve("none").toString()))
        .isInstanceOf(DeltaTableException.class).hasMessageContaining("No Delta table");
    assertThat(tables.exists(at)).isTrue();
  }

  @Test
  void concurrentCreatesOfTheSameTableAllSucceed() throws Exception {
    String at = dir.resolve("raced").toString();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      var futures = java.util.stream.IntStream.range(0, 4)
          .mapToObj(i -> pool.submit(() -> tables.create(at, OTEL_METRICS, OTEL))).toList();
      for (var f : futures) assertThat(f.get().snapshot().version()).isZero();
    }
  }

  @Test
  void firstCommitCarriesProtocolAndExactSchemaString() throws Exception {
    tables.create(dir.toString(), OTEL_METRICS, OTEL);
    String log = Files.readString(dir.resolve("_delta_log/00000000000000000000.json"));
    // Spark compatibility itself is checked by a later module; this pins what Spark relies on.
    assertThat(log).containsPattern("\"protocol\":\\{\"minReaderVersion\":1,\"minWriterVersion\":2");
    String quoted = "\"" + OTEL_METRICS.toJson().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    assertThat(log).contains("\"schemaString\":" + quoted);
    assertThat(log).contains("\"partitionColumns\":[]").contains("\"configuration\":{\"otel.schemaVersion\":\"v1\"}");
  }

  @Test
  void checkpointsAfterTenCommitsAndStillReads() throws Exception {
    DeltaTable t = tables.create(dir.toString(), OTEL_METRICS, OTEL);
    for (int i = 1; i <= 12; i++) t.append(List.of(TestSchemas.sumPoint("n" + i, i, "u")), "w", i);

    try (var files = Files.list(dir.resolve("_delta_log"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .contains("00000000000000000010.checkpoint.parquet", "_last_checkpoint", "00000000000000000012.crc");
    }
    assertThat(t.read()).hasSize(12);
    assertThat(t.snapshot().files()).hasSize(12);
    assertThat(t.append(List.of(TestSchemas.sumPoint("x", 0, "u")), "w", 3))
        .as("txn ids survive the checkpoint").isInstanceOf(AppendResult.Skipped.class);
  }

  @Test
  void snapshotsFollowNewVersionsAndATableRecreatedAtTheSamePlace() throws Exception {
    String location = dir.resolve("t").toString();
    Row row = Row.of("a", 1L);
    DeltaTable t = tables.create(location, TestSchemas.struct("s", TestSchemas.STRING, "n", io.delta.kernel.types.LongType.LONG), Map.of());
    t.append(List.of(row));
    assertThat(tables.open(location).snapshot().files()).hasSize(1);
    t.append(List.of(row));
    assertThat(tables.open(location).snapshot().files()).hasSize(2);

    // Dropped and created again: version 1 again, with other files.
    try (var paths = Files.walk(dir.resolve("t"))) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    DeltaTable again = tables.create(location, TestSchemas.struct("s", TestSchemas.STRING, "n", io.delta.kernel.types.LongType.LONG), Map.of());
    again.append(List.of(row, row));
    TableSnapshot s = tables.open(location).snapshot();
    assertThat(s.version()).isEqualTo(1);
    assertThat(s.files()).hasSize(1).allSatisfy(f -> assertThat(Path.of(f.replaceFirst("^file:", ""))).exists());
  }
}
