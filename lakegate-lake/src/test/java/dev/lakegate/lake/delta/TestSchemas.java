package dev.lakegate.lake.delta;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SPEC §5's {@code _otel_metrics} schema built by hand, plus rows that use every kind of value. */
public final class TestSchemas {
  private TestSchemas() {}

  static final DataType STRING = StringType.STRING;
  static final DataType LONG = LongType.LONG;
  static final DataType INT = IntegerType.INTEGER;
  static final DataType DOUBLE = DoubleType.DOUBLE;
  static final DataType BOOLEAN = BooleanType.BOOLEAN;
  static final DataType STR_MAP = new MapType(STRING, STRING, true);

  static StructType struct(Object... nameTypePairs) {
    StructType t = new StructType();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      t = t.add((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1], true);
    }
    return t;
  }

  static ArrayType array(DataType element) {
    return new ArrayType(element, true);
  }

  static final StructType EXEMPLAR = struct("time_unix_nano", LONG, "value", DOUBLE, "span_id", STRING,
      "trace_id", STRING, "filtered_attributes", STR_MAP);
  static final StructType BUCKETS = struct("offset", INT, "bucket_counts", array(LONG));

  /** {@code CREATE TABLE …_otel_metrics (…)} from SPEC §5, column for column. */
  public static final StructType OTEL_METRICS = struct(
      "name", STRING, "description", STRING, "unit", STRING, "metric_type", STRING,
      "gauge", struct("start_time_unix_nano", LONG, "time_unix_nano", LONG, "value", DOUBLE,
          "exemplars", array(EXEMPLAR), "attributes", STR_MAP, "flags", INT),
      "sum", struct("start_time_unix_nano", LONG, "time_unix_nano", LONG, "value", DOUBLE,
          "exemplars", array(EXEMPLAR), "attributes", STR_MAP, "flags", INT,
          "aggregation_temporality", STRING, "is_monotonic", BOOLEAN),
      "histogram", struct("start_time_unix_nano", LONG, "time_unix_nano", LONG, "count", LONG, "sum", DOUBLE,
          "bucket_counts", array(LONG), "explicit_bounds", array(DOUBLE), "exemplars", array(EXEMPLAR),
          "attributes", STR_MAP, "flags", INT, "min", DOUBLE, "max", DOUBLE, "aggregation_temporality", STRING),
      "exponential_histogram", struct("attributes", STR_MAP, "start_time_unix_nano", LONG, "time_unix_nano", LONG,
          "count", LONG, "sum", DOUBLE, "scale", INT, "zero_count", LONG,
          "positive_bucket", BUCKETS, "negative_bucket", BUCKETS, "flags", INT,
          "exemplars", array(EXEMPLAR), "min", DOUBLE, "max", DOUBLE, "zero_threshold", DOUBLE,
          "aggregation_temporality", STRING),
      "summary", struct("start_time_unix_nano", LONG, "time_unix_nano", LONG, "count", LONG, "sum", DOUBLE,
          "quantile_values", array(struct("quantile", DOUBLE, "value", DOUBLE)), "attributes", STR_MAP,
          "flags", INT),
      "metadata", STR_MAP,
      "resource", struct("attributes", STR_MAP, "dropped_attributes_count", INT),
      "resource_schema_url", STRING,
      "instrumentation_scope", struct("name", STRING, "version", STRING, "attributes", STR_MAP,
          "dropped_attributes_count", INT),
      "metric_schema_url", STRING);

  /** Every primitive type of SPEC §6 once, plus a NOT NULL column. */
  public static final StructType ALL_TYPES = struct(
      "s", STRING, "l", LONG, "i", INT, "sh", ShortType.SHORT, "b", ByteType.BYTE, "d", DOUBLE,
      "f", FloatType.FLOAT, "bool", BOOLEAN, "date", DateType.DATE, "ts", TimestampType.TIMESTAMP,
      "ts_ntz", TimestampNTZType.TIMESTAMP_NTZ, "dec", new DecimalType(12, 3), "big_dec", new DecimalType(30, 5),
      "bin", BinaryType.BINARY).add("id", LONG, false);

  static Row allTypes(long id) {
    return Row.of("text-" + id, 1L << 40, 7, (short) 3, (byte) -2, 2.5, 1.25f, true,
        LocalDate.of(2025, 1, 31), Instant.parse("2025-01-31T12:34:56.123456Z"),
        LocalDateTime.of(2025, 1, 31, 12, 0, 1, 999_000), new BigDecimal("123456789.125"),
        new BigDecimal("1234567890123456789012345.12345"), new byte[] {1, 2, (byte) 255}, id);
  }

  static Map<String, String> attrs(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }

  static Row exemplar(double value) {
    return Row.of(1_700_000_000_000_000_000L, value, "00f067aa0ba902b7", "4bf92f3577b34da6a3ce929d0e0e4736",
        attrs("k", "v"));
  }

  static final Row RESOURCE = Row.of(attrs("service.name", "claude-code"), 0);
  static final Row SCOPE = Row.of("com.anthropic.claude_code", "1.0.0", Map.of(), null);

  /** A {@code sum} data point row (the shape agents send most). */
  public static Row sumPoint(String name, double value, String user) {
    Row sum = Row.of(1L, 2L, value, List.of(exemplar(value)), attrs("user.id", user, "k", "v"), 0,
        "AGGREGATION_TEMPORALITY_DELTA", true);
    return Row.of(name, "a counter", "1", "sum", null, sum, null, null, null, attrs("m", "1"), RESOURCE,
        "https://opentelemetry.io/schemas/1.26.0", SCOPE, null);
  }

  /** A gauge, a histogram, an exponential histogram and a summary, with nulls inside. */
  public static List<Row> otherPoints() {
    Row gauge = Row.of(null, 5L, -1.5, List.of(), attrs("k", "gauge-v", "empty", ""), null);
    Row hist = Row.of(1L, 2L, 3L, 6.5, List.of(1L, 2L, 0L), List.of(1.0, 10.0), Arrays.asList(exemplar(2), null),
        attrs(), 1, 0.5, 4.0, "AGGREGATION_TEMPORALITY_CUMULATIVE");
    Row exp = Row.of(attrs("a", null), 1L, 2L, 9L, 20.0, 3, 1L, Row.of(-2, List.of(1L, 2L)), null, 0, null,
        null, null, 0.0, "AGGREGATION_TEMPORALITY_DELTA");
    Row summary = Row.of(1L, 2L, 4L, 10.0, List.of(Row.of(0.5, 2.0), Row.of(0.99, 4.0)), null, 0);
    return List.of(
        Row.of("g", null, null, "gauge", gauge, null, null, null, null, null, RESOURCE, null, SCOPE, null),
        Row.of("h", "hist", "ms", "histogram", null, null, hist, null, null, Map.of(), null, null, null, null),
        Row.of("e", null, null, "exponential_histogram", null, null, null, exp, null, null, RESOURCE, null, null, ""),
        Row.of("s", null, null, "summary", null, null, null, null, summary, null, RESOURCE, null, SCOPE, null));
  }
}
