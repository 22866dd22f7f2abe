package dev.lakegate.lake.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.catalog.TableType;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The three CREATE TABLE statements of SPEC §5, verbatim (src/main/resources/sql/spec_*.sql, read through {@link OtelTableDdl}). */
class SpecDdlTest {
  private static final DataType S = StringType.STRING, L = LongType.LONG, I = IntegerType.INTEGER,
      D = DoubleType.DOUBLE;
  private static final DataType ATTRS = new MapType(S, S, true);

  @Test
  void metricsTableParsesToTheExactKernelSchema() {
    Statement.CreateTable ct = parse("otel_metrics");
    StructType exemplar = struct("time_unix_nano", L, "value", D, "span_id", S, "trace_id", S,
        "filtered_attributes", ATTRS);
    DataType exemplars = new ArrayType(exemplar, true);
    StructType bucket = struct("offset", I, "bucket_counts", new ArrayType(L, true));
    StructType expected = struct(
        "name", S, "description", S, "unit", S, "metric_type", S,
        "gauge", struct("start_time_unix_nano", L, "time_unix_nano", L, "value", D,
            "exemplars", exemplars, "attributes", ATTRS, "flags", I),
        "sum", struct("start_time_unix_nano", L, "time_unix_nano", L, "value", D,
            "exemplars", exemplars, "attributes", ATTRS, "flags", I, "aggregation_temporality", S,
            "is_monotonic", BooleanType.BOOLEAN),
        "histogram", struct("start_time_unix_nano", L, "time_unix_nano", L, "count", L, "sum", D,
            "bucket_counts", new ArrayType(L, true), "explicit_bounds", new ArrayType(D, true),
            "exemplars", exemplars, "attributes", ATTRS, "flags", I, "min", D, "max", D,
            "aggregation_temporality", S),
        "exponential_histogram", struct("attributes", ATTRS, "start_time_unix_nano", L,
            "time_unix_nano", L, "count", L, "sum", D, "scale", I, "zero_count", L,
            "positive_bucket", bucket, "negative_bucket", bucket, "flags", I, "exemplars", exemplars,
            "min", D, "max", D, "zero_threshold", D, "aggregation_temporality", S),
        "summary", struct("start_time_unix_nano", L, "time_unix_nano", L, "count", L, "sum", D,
            "quantile_values", new ArrayType(struct("quantile", D, "value", D), true),
            "attributes", ATTRS, "flags", I),
        "metadata", ATTRS,
        "resource", struct("attributes", ATTRS, "dropped_attributes_count", I),
        "resource_schema_url", S,
        "instrumentation_scope", struct("name", S, "version", S, "attributes", ATTRS,
            "dropped_attributes_count", I),
        "metric_schema_url", S);
    assertThat(ct.table().columns()).isEqualTo(expected);
    assertThat(ct.table().name()).isEqualTo(new TableName("main", "telemetry", "cc_otel_metrics"));
    assertThat(ct.table().properties()).containsExactly(Map.entry("otel.schemaVersion", "v1"));
    assertThat(ct.table().location()).isEmpty();
    assertThat(ct.table().tableType()).isEqualTo(TableType.MANAGED);
    assertThat(ct.ifNotExists()).isFalse();

    StructType expHist = (StructType) ct.table().columns().get("exponential_histogram").getDataType();
    StructField counts = ((StructType) expHist.get("positive_bucket").getDataType()).get("bucket_counts");
    assertThat(counts.getDataType()).isEqualTo(new ArrayType(LongType.LONG, true));
    assertThat(counts.isNullable()).isTrue();
    ArrayType ex = (ArrayType) expHist.get("exemplars").getDataType();
    StructType element = (StructType) ex.getElementType();
    assertThat(element.fieldNames())
        .containsExactly("time_unix_nano", "value", "span_id", "trace_id", "filtered_attributes");
    assertThat(element.get("filtered_attributes").getDataType()).isEqualTo(new MapType(S, S, true));
    assertThat(ex.containsNull()).isTrue();
  }

  @Test
  void logsTableParsesToTheExactKernelSchema() {
    Statement.CreateTable ct = parse("otel_logs");
    StructType expected = struct("event_name", S, "trace_id", S, "span_id", S,
        "time_unix_nano", L, "observed_time_unix_nano", L, "severity_number", S, "severity_text", S,
        "body", S, "attributes", ATTRS, "dropped_attributes_count", I, "flags", I,
        "resource", struct("attributes", ATTRS, "dropped_attributes_count", I),
        "resource_schema_url", S,
        "instrumentation_scope", struct("name", S, "version", S, "attributes", ATTRS,
            "dropped_attributes_count", I),
        "log_schema_url", S);
    assertThat(ct.table().columns()).isEqualTo(expected);
    assertThat(ct.table().properties()).isEqualTo(Map.of("otel.schemaVersion", "v1"));
  }

  @Test
  void spansTableParsesToTheExactKernelSchema() {
    Statement.CreateTable ct = parse("otel_spans");
    StructType expected = struct("trace_id", S, "span_id", S, "trace_state", S,
        "parent_span_id", S, "flags", I, "name", S, "kind", S, "start_time_unix_nano", L,
        "end_time_unix_nano", L, "attributes", ATTRS, "dropped_attributes_count", I,
        "events", new ArrayType(struct("time_unix_nano", L, "name", S, "attributes", ATTRS,
            "dropped_attributes_count", I), true),
        "dropped_events_count", I,
        "links", new ArrayType(struct("trace_id", S, "span_id", S, "trace_state", S,
            "attributes", ATTRS, "dropped_attributes_count", I, "flags", I), true),
        "dropped_links_count", I,
        "status", struct("message", S, "code", S),
        "resource", struct("attributes", ATTRS, "dropped_attributes_count", I),
        "resource_schema_url", S,
        "instrumentation_scope", struct("name", S, "version", S, "attributes", ATTRS,
            "dropped_attributes_count", I),
        "span_schema_url", S);
    assertThat(ct.table().columns()).isEqualTo(expected);
    assertThat(ct.table().comment()).isEqualTo(Optional.empty());
  }

  @Test
  void placeholdersThemselvesAreRefusedWithAPosition() {
    assertThat(ParseErrorTest.error(text("otel_logs"))).startsWith("line 1, column 14: expected a three-part table name");
  }

  static Statement.CreateTable parse(String name) {
    String sql = text(name).replace("<catalog>.<schema>.<table_prefix>", "main.telemetry.cc");
    return (Statement.CreateTable) SqlParser.parse(sql);
  }

  static String text(String name) {
    return OtelTableDdl.verbatim(name.substring("otel_".length()));
  }

  /** struct("a", type, "b", type, …), every field nullable with empty metadata. */
  static StructType struct(Object... nameTypePairs) {
    StructType s = new StructType();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      s = s.add((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1], true);
    }
    return s;
  }
}
