package dev.lakegate.lake.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.lake.sql.OtelTableDdl;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.defaults.internal.parquet.ParquetStatsReader;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our Parquet writer against Kernel's: the same schema, statistics and values read back. */
class ParquetPartWriterTest {
  @TempDir Path dir;

  @Test
  void parquetSchemaIsTheOneKernelsWriterUses() throws Exception {
    Method kernels = Class.forName("io.delta.kernel.defaults.internal.parquet.ParquetSchemaUtils")
        .getDeclaredMethod("toParquetSchema", StructType.class);
    kernels.setAccessible(true);
    List<StructType> schemas = new ArrayList<>(List.of(TestSchemas.OTEL_METRICS, TestSchemas.ALL_TYPES));
    for (String signal : List.of("logs", "spans")) {
      String ddl = OtelTableDdl.forTable(signal, "c", "s", "p");
      schemas.add(((Statement.CreateTable) SqlParser.parse(ddl)).table().columns());
    }
    for (StructType schema : schemas) assertThat(ParquetSchemas.of(schema)).isEqualTo(kernels.invoke(null, schema));
  }

  @Test
  void nestedRowsInSeveralRowGroupsReadBackWithKernelsStatistics() throws Exception {
    List<Row> rows = new ArrayList<>(TestSchemas.otherPoints());
    for (int i = 0; i < 5; i++) rows.add(TestSchemas.sumPoint("m" + i, i == 2 ? Double.NaN : i, "u" + i));
    checkRoundTrip(TestSchemas.OTEL_METRICS, rows);
  }

  @Test
  void everyPrimitiveTypeWithZerosNaNsAndNullsMatchesKernelsStatistics() throws Exception {
    Row nulls = Row.of(null, null, null, null, null, null, null, null, null, null, null, null, null, null, 2L);
    Row zeros = Row.of("", 0L, 0, (short) 0, (byte) 0, -0.0, 0.0f, false, LocalDate.EPOCH, Instant.EPOCH,
        LocalDateTime.of(1970, 1, 1, 0, 0), new BigDecimal("-0.001"), new BigDecimal("-99999.00001"), new byte[0], 3L);
    Row nan = Row.of("ünïcode ✓", Long.MIN_VALUE, Integer.MAX_VALUE, Short.MIN_VALUE, Byte.MAX_VALUE, Double.NaN,
        Float.NaN, true, LocalDate.of(1900, 1, 1), Instant.parse("1969-12-31T23:59:59.999999Z"),
        LocalDateTime.of(2099, 12, 31, 23, 59), new BigDecimal("999999999.999"),
        new BigDecimal("-1234567890123456789012345.12345"), new byte[] {(byte) 0x80, 0}, 4L);
    checkRoundTrip(TestSchemas.ALL_TYPES, List.of(TestSchemas.allTypes(1), nulls, zeros, nan, TestSchemas.allTypes(5)));
  }

  @Test
  void longStringsAndBytesHaveNoStatisticsAsKernelReadsThem() throws Exception {
    // parquet-mr serializes no statistics for a chunk whose min and max take 4 KiB or more: Kernel's reader then has
    // none, and a Delta log would otherwise repeat every long value (an inference table's payloads) twice per file.
    Row wide = Row.of("w".repeat(5_000), 7L, 7, (short) 7, (byte) 7, 7.0, 7.0f, true, LocalDate.EPOCH, Instant.EPOCH,
        LocalDateTime.of(1970, 1, 1, 0, 0), new BigDecimal("7.000"), new BigDecimal("7.00000"), new byte[5_000], 6L);
    checkRoundTrip(TestSchemas.ALL_TYPES, List.of(TestSchemas.allTypes(1), wide, TestSchemas.allTypes(5), TestSchemas.allTypes(6)));
  }

  @Test
  void aBufferWithMissingNestedEntriesIsRefused() throws Exception {
    RowBuffer buffer = new RowBuffer(new StructType().add("s", new StructType().add("x", TestSchemas.LONG)), 1);
    buffer.column(0).appendStruct(); // but no value for s.x
    String path = dir.resolve("bad.parquet").toString();
    Configuration conf = new Configuration();
    try (ParquetPartWriter w = new ParquetPartWriter(path, HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(path), conf),
        buffer.schema(), conf)) {
      assertThatThrownBy(() -> w.write(buffer)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("s.x has 0 entries for 1 structs");
    }
  }

  /** Writes the rows in two buffers, one row group each; compares statistics and values with Kernel's reader. */
  private void checkRoundTrip(StructType schema, List<Row> rows) throws Exception {
    Configuration conf = new Configuration();
    conf.setLong("parquet.block.size", 1); // a row group per buffer
    String path = dir.resolve("part.parquet").toString();
    ParquetMetadata footer;
    try (ParquetPartWriter w = new ParquetPartWriter(path, HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(path), conf),
        schema, conf)) {
      int half = rows.size() / 2;
      for (List<Row> part : List.of(rows.subList(0, half), rows.subList(half, rows.size()))) {
        RowBuffer buffer = new RowBuffer(schema, 1);
        for (int i = 0; i < part.size(); i++) buffer.add(part.get(i), i);
        w.write(buffer);
      }
      footer = w.finish();
    }
    assertThat(footer.getBlocks()).hasSize(2);

    List<Column> statsColumns = structLeaves(schema, List.of()).toList();
    HadoopFileIO io = new HadoopFileIO(conf);
    long size = Files.size(Path.of(path));
    assertThat(FooterStats.of(footer, schema, statsColumns).serializeAsJson(schema)).isEqualTo(
        ParquetStatsReader.readDataFileStatistics(io.newInputFile(path, size), schema, statsColumns).serializeAsJson(schema));

    List<Row> read = new ArrayList<>();
    try (CloseableIterator<FileReadResult> results = DefaultEngine.create(io).getParquetHandler()
        .readParquetFiles(Iters.of(List.of(FileStatus.of(path, size, 0))), schema, Optional.empty())) {
      while (results.hasNext()) KernelRows.forEach(results.next().getData(), null, read::add);
    }
    assertThat(read).containsExactlyElementsOf(rows);
  }

  /** The columns Delta may keep statistics for: primitives reached through structs only. */
  private static Stream<Column> structLeaves(StructType struct, List<String> prefix) {
    return struct.fields().stream().flatMap((StructField f) -> {
      List<String> path = new ArrayList<>(prefix);
      path.add(f.getName());
      if (f.getDataType() instanceof StructType st) return structLeaves(st, path);
      boolean collection = f.getDataType() instanceof ArrayType || f.getDataType() instanceof MapType;
      return collection ? Stream.empty() : Stream.of(new Column(path.toArray(String[]::new)));
    });
  }
}
