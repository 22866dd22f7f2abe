package dev.lakegate.lake.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.lake.delta.AppendResult;
import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.delta.RowSource;
import dev.lakegate.lake.delta.TestSchemas;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowCodecTest {
  static final StructType PRIMITIVES = new StructType()
      .add("s", StringType.STRING).add("l", LongType.LONG).add("i", IntegerType.INTEGER)
      .add("sh", ShortType.SHORT).add("b", ByteType.BYTE).add("d", DoubleType.DOUBLE).add("f", FloatType.FLOAT)
      .add("bool", io.delta.kernel.types.BooleanType.BOOLEAN).add("date", DateType.DATE)
      .add("ts", TimestampType.TIMESTAMP).add("ts_ntz", TimestampNTZType.TIMESTAMP_NTZ)
      .add("dec", new DecimalType(12, 3)).add("big_dec", new DecimalType(30, 5)).add("bin", BinaryType.BINARY)
      .add("id", LongType.LONG, false);

  static List<Row> roundTrip(StructType schema, List<Row> rows) {
    return RowDecoder.decode(schema, RowEncoder.encode(schema, rows), rows.size());
  }

  @Test
  void otelMetricRowsRoundTripWithNestedStructsArraysMapsAndNulls() {
    List<Row> rows = new ArrayList<>(TestSchemas.otherPoints());
    rows.add(TestSchemas.sumPoint("claude_code.token.usage", 42.5, "alice"));

    assertThat(roundTrip(TestSchemas.OTEL_METRICS, rows)).isEqualTo(rows);
  }

  static final Row FULL = Row.of("héllo ✓", Long.MIN_VALUE, -7, (short) 3, (byte) -2, Double.NaN, -0.0f, true,
      LocalDate.of(1900, 1, 1), Instant.parse("1969-12-31T23:59:59.999999Z"),
      LocalDateTime.of(2025, 1, 31, 12, 0, 1, 999_000), new BigDecimal("-123456789.125"),
      new BigDecimal("1234567890123456789012345.12345"), new byte[] {0, (byte) 255}, Long.MAX_VALUE);
  static final Row NULLS = Row.of(null, null, null, null, null, null, null, null, null, null, null, null, null, null, 1L);
  // Narrower Java types widen, timestamps lose sub-microsecond digits, decimals take the column scale.
  static final Row WIDENED = Row.of("", 5, (short) 1, (byte) 1, (byte) 1, 0.5f, 1f, false, LocalDate.EPOCH,
      OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 123_456_789, ZoneOffset.ofHours(2)), null, 5L, 7, new byte[0], 3);
  static final Row EXPECTED_WIDENED = Row.of("", 5L, 1, (short) 1, (byte) 1, 0.5d, 1f, false, LocalDate.EPOCH,
      Instant.parse("2024-12-31T22:00:00.123456Z"), null, new BigDecimal("5.000"), new BigDecimal("7.00000"),
      new byte[0], 3L);

  @Test
  void primitivesDecodeAsTheTableReadsThem() {
    assertThat(roundTrip(PRIMITIVES, List.of(FULL, NULLS, WIDENED))).containsExactly(FULL, NULLS, EXPECTED_WIDENED);
  }

  @Test
  void theCommittersColumnDecoderGivesTheTableTheSameRows(@TempDir Path dir) {
    List<Row> metrics = new ArrayList<>(TestSchemas.otherPoints());
    metrics.add(TestSchemas.sumPoint("claude_code.token.usage", 42.5, "alice"));

    assertThat(throughColumns(dir.resolve("metrics"), TestSchemas.OTEL_METRICS, metrics))
        .containsExactlyInAnyOrderElementsOf(metrics);
    assertThat(throughColumns(dir.resolve("primitives"), PRIMITIVES, List.of(FULL, NULLS, WIDENED)))
        .containsExactlyInAnyOrder(FULL, NULLS, EXPECTED_WIDENED);
    byte[] trailing = Arrays.copyOf(RowEncoder.encode(PRIMITIVES, List.of(NULLS)), 100);
    DeltaTable table = new DeltaTables().create(dir.resolve("trailing").toString(), PRIMITIVES, Map.of());
    assertThatThrownBy(() -> table.appendFrom(List.of(new ColumnDecoder(PRIMITIVES).source(new WalRecord(1, 1, trailing, 0))),
        "wal-test", 1)).isInstanceOf(WalException.class).hasMessageContaining("bytes after");
    assertThat(table.read()).isEmpty();
  }

  /** Logs the rows as two records, commits them as the committer does, reads the table. */
  private static List<Row> throughColumns(Path at, StructType schema, List<Row> rows) {
    DeltaTable table = new DeltaTables().create(at.toString(), schema, Map.of());
    ColumnDecoder decoder = new ColumnDecoder(schema);
    int half = rows.size() / 2;
    List<RowSource> records = List.of(
        decoder.source(new WalRecord(1, half, RowEncoder.encode(schema, rows.subList(0, half)), 0)),
        decoder.source(new WalRecord(2, rows.size() - half, RowEncoder.encode(schema, rows.subList(half, rows.size())), 0)));
    assertThat(table.appendFrom(records, "wal-test", 2)).isInstanceOf(AppendResult.Committed.class);
    return table.read();
  }

  @Test
  void refusesValuesTheDeltaWriterWouldRefuseNamingRowAndPath() {
    Row good = TestSchemas.sumPoint("n", 1, "u");
    Object[] bad = good.values();
    bad[5] = Row.of(1L, 2L, 3.0, List.of(Row.of(1L, 1.0, "00f067aa0ba902b7", null, Map.of("k", "v")), Row.of(1L, "x", null, null, null)),
        Map.of(), 0, "x", true);

    assertThatThrownBy(() -> RowEncoder.encode(TestSchemas.OTEL_METRICS, List.of(good, Row.of(bad))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Row 1: Column sum.exemplars[1].value is double but got java.lang.String");
    assertThatThrownBy(() -> RowEncoder.encode(PRIMITIVES, List.of(Row.of("short"))))
        .hasMessage("Row 0 has 1 values but the table has 15 columns");
    assertThatThrownBy(() -> encodeOne("id", LongType.LONG, false, null)).hasMessageContaining("id is NOT NULL");
    assertThatThrownBy(() -> encodeOne("i", IntegerType.INTEGER, true, 1L)).hasMessageContaining("java.lang.Long");
    assertThatThrownBy(() -> encodeOne("d", new DecimalType(5, 2), true, new BigDecimal("1.234")))
        .hasMessageContaining("needs rounding");
    assertThatThrownBy(() -> encodeOne("d", new DecimalType(3, 2), true, new BigDecimal("12.3")))
        .hasMessageContaining("too many digits");
    assertThatThrownBy(() -> encodeOne("a", new ArrayType(LongType.LONG, false), true, Arrays.asList(1L, null)))
        .hasMessageContaining("a[1] is NOT NULL");
    Map<String, String> nullKey = new HashMap<>();
    nullKey.put(null, "v");
    assertThatThrownBy(() -> encodeOne("m", TestSchemas.OTEL_METRICS.get("metadata").getDataType(), true, nullKey))
        .hasMessageContaining("m has a null map key");
  }

  @Test
  void fingerprintFollowsTypesNullabilityAndOrder() {
    StructType a = new StructType().add("x", LongType.LONG).add("y", StringType.STRING);
    long fp = SchemaFingerprint.of(a);

    assertThat(SchemaFingerprint.of(new StructType().add("x", LongType.LONG).add("y", StringType.STRING))).isEqualTo(fp);
    assertThat(SchemaFingerprint.of(new StructType().add("y", StringType.STRING).add("x", LongType.LONG))).isNotEqualTo(fp);
    assertThat(SchemaFingerprint.of(new StructType().add("x", LongType.LONG, false).add("y", StringType.STRING)))
        .isNotEqualTo(fp);
    assertThat(SchemaFingerprint.of(new StructType().add("x", IntegerType.INTEGER).add("y", StringType.STRING)))
        .isNotEqualTo(fp);
  }

  private static byte[] encodeOne(String name, io.delta.kernel.types.DataType type, boolean nullable, Object v) {
    return RowEncoder.encode(new StructType().add(name, type, nullable), List.of(Row.of(v)));
  }
}
