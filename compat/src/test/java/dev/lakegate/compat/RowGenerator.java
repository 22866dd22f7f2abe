package dev.lakegate.compat;

import dev.lakegate.lake.delta.Row;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic rows for an OTel schema, driven by the schema itself so every column, nesting
 * level and nullable position is exercised whatever the SPEC's DDL says. Rows cycle through
 * shapes:
 *
 * <ul>
 *   <li>{@code FULL}: no nulls; every array and map has 1–3 entries;
 *   <li>{@code EMPTY_AT(d)} for each nesting depth d: no nulls; every array, map and string at
 *       depth d is empty, those above it have two entries, so every collection is empty in some
 *       row, also inside non-empty collections;
 *   <li>{@code NULL_AT(d)} for each nesting depth d: every nullable position at depth d is null
 *       (top-level columns are depth 0; struct fields, array elements and map values are one
 *       deeper than their parent), everything above it is set, so over the cycle each nullable
 *       position is null in some row and set in others;
 *   <li>{@code RANDOM} (twice): each nullable position null with probability 1/4, 0–3 entries.
 * </ul>
 *
 * Leaf values are edge cases: {@code Long.MIN/MAX_VALUE}, 2^53+1 (which a double-based JSON path
 * would round), nanosecond timestamps, {@code Integer.MIN/MAX_VALUE}, negative, fractional,
 * subnormal, huge, signed-zero and non-finite doubles, non-ASCII, escaped and long strings.
 *
 * <p>The key column is never null and unique per row. For the metrics table exactly one of the
 * five metric structs is set per row and {@code metric_type} names it (SPEC §5); every
 * (shape, metric type) pair occurs within {@code 5 × shapes} rows.
 */
final class RowGenerator {
  static final List<String> METRIC_TYPES = List.of("gauge", "sum", "histogram", "exponential_histogram", "summary");

  private static final long[] LONGS = {
    Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, 1_761_234_567_123_456_789L, 9_007_199_254_740_993L, 42L, -1_000_000_000_000L};
  private static final String[] KEYS = {"service.name", "", "gen_ai.usage.input_tokens", "ключ ✓", "a.b.c", "x-request-id"};
  private static final int[] INTS = {Integer.MAX_VALUE, Integer.MIN_VALUE, 0, -7, 1, 255, 65_536};
  private static final double[] DOUBLES = {
    -1.5, 0.1, 1e-300, -1.7976931348623157E308, Double.MIN_VALUE, 123_456.789, -0.0, 0.0,
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -2.718281828459045, 1e15 + 0.5};
  private static final String[] STRINGS = {
    "", "claude-code", "chat.completions", "ünïcödé ✓ 漢字 🚀", "quote \" apostrophe ' backslash \\",
    "line\nbreak\ttab", "null", "x".repeat(300), "SPAN_KIND_SERVER", "0af7651916cd43dd8448eb211c80319c"};

  private record Shape(String mode, int depth) {
    @Override
    public String toString() {
      return depth >= 0 ? mode + "(" + depth + ")" : mode;
    }
  }

  private final OtelTable table;
  private final StructType schema;
  private final int keyIndex;
  private final List<Shape> shapes = new ArrayList<>();
  private final SplittableRandom random;
  private int next;

  RowGenerator(OtelTable table, StructType schema, long seed) {
    this.table = table;
    this.schema = schema;
    this.keyIndex = schema.indexOf(table.keyColumn);
    if (keyIndex < 0) throw new IllegalArgumentException("No key column " + table.keyColumn + " in " + schema);
    this.random = new SplittableRandom(seed);
    shapes.add(new Shape("FULL", -1));
    for (int d = 0; d <= maxDepth(schema); d++) shapes.add(new Shape("EMPTY_AT", d));
    for (int d = 0; d <= maxDepth(schema); d++) shapes.add(new Shape("NULL_AT", d));
    shapes.add(new Shape("RANDOM", -1));
    shapes.add(new Shape("RANDOM", -1));
  }

  /** Rows that cover every shape and (for metrics) every shape × metric type. */
  int cycle() {
    return shapes.size() * (table == OtelTable.METRICS ? METRIC_TYPES.size() : 1);
  }

  List<Row> rows(int n) {
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) rows.add(row());
    return rows;
  }

  Row row() {
    int index = next++;
    Shape shape = shapes.get(index % shapes.size());
    Object[] values = new Object[schema.length()];
    for (int i = 0; i < values.length; i++) {
      StructField f = schema.at(i);
      values[i] = value(f.getDataType(), f.isNullable(), 0, shape);
    }
    values[keyIndex] = key(schema.at(keyIndex).getDataType(), index);
    if (table == OtelTable.METRICS) {
      String type = METRIC_TYPES.get((index / shapes.size()) % METRIC_TYPES.size());
      values[schema.indexOf("metric_type")] = type;
      for (String other : METRIC_TYPES) {
        int col = schema.indexOf(other);
        if (!other.equals(type)) {
          values[col] = null;
        } else if (values[col] == null) {
          // The one set struct stays set; its fields follow the row's shape one level down.
          values[col] = value(schema.at(col).getDataType(), false, 0, shape);
        }
      }
    }
    return Row.of(values);
  }

  private static Object key(DataType type, int index) {
    if (type instanceof StringType) return String.format("key-%05d", index);
    if (type instanceof LongType) return 1_761_000_000_000_000_000L + index * 1_000_003L;
    throw new IllegalArgumentException("Unsupported key type " + type);
  }

  private Object value(DataType type, boolean nullable, int depth, Shape shape) {
    if (nullable) {
      if (shape.mode.equals("NULL_AT") && depth == shape.depth) return null;
      if (shape.mode.equals("RANDOM") && random.nextInt(4) == 0) return null;
    }
    if (type instanceof StructType struct) {
      Object[] fields = new Object[struct.length()];
      for (int i = 0; i < fields.length; i++) {
        StructField f = struct.at(i);
        fields[i] = value(f.getDataType(), f.isNullable(), depth + 1, shape);
      }
      return Row.of(fields);
    }
    if (type instanceof ArrayType array) {
      int n = entries(shape, depth);
      List<Object> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) list.add(value(array.getElementType(), array.containsNull(), depth + 1, shape));
      return list;
    }
    if (type instanceof MapType map) {
      if (!(map.getKeyType() instanceof StringType)) throw new IllegalArgumentException("Unsupported map key " + map);
      int n = entries(shape, depth);
      int first = random.nextInt(KEYS.length);
      Map<Object, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        m.put(KEYS[(first + i) % KEYS.length], value(map.getValueType(), map.isValueContainsNull(), depth + 1, shape));
      }
      return m;
    }
    boolean empty = shape.mode.equals("EMPTY_AT") && depth == shape.depth;
    if (type instanceof StringType) return empty ? "" : pick(STRINGS);
    if (type instanceof LongType) return random.nextInt(5) == 0 ? random.nextLong() : LONGS[random.nextInt(LONGS.length)];
    if (type instanceof IntegerType) return INTS[random.nextInt(INTS.length)];
    if (type instanceof DoubleType) return random.nextInt(5) == 0 ? random.nextDouble(-1e6, 1e6) : DOUBLES[random.nextInt(DOUBLES.length)];
    if (type instanceof BooleanType) return random.nextBoolean();
    throw new IllegalArgumentException("The OTel schemas use no " + type + "; extend RowGenerator");
  }

  private int entries(Shape shape, int depth) {
    return switch (shape.mode) {
      case "EMPTY_AT" -> depth == shape.depth ? 0 : 2;
      case "FULL" -> 1 + random.nextInt(3);
      case "NULL_AT" -> 2;
      default -> random.nextInt(4);
    };
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** The deepest nesting level of a table schema: top-level columns are level 0. */
  private static int maxDepth(StructType table) {
    int max = 0;
    for (StructField f : table.fields()) max = Math.max(max, maxDepth(f.getDataType(), 0));
    return max;
  }

  private static int maxDepth(DataType type, int depth) {
    if (type instanceof StructType s) {
      int max = depth;
      for (StructField f : s.fields()) max = Math.max(max, maxDepth(f.getDataType(), depth + 1));
      return max;
    }
    if (type instanceof ArrayType a) return maxDepth(a.getElementType(), depth + 1);
    if (type instanceof MapType m) return maxDepth(m.getValueType(), depth + 1);
    return depth;
  }
}
