package dev.lakegate.compat;

import dev.lakegate.lake.delta.Row;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a set of rows exercises, per schema position ({@code gauge.exemplars[].filtered_attributes{}}:
 * {@code []} an array element, {@code {}} a map value): so a test can assert that it really put a
 * null in every nullable position, an empty and a non-empty value in every array and map, and
 * edge-case numbers in every numeric column, rather than trusting the generator.
 */
final class Coverage {
  enum Seen { NULL, VALUE, EMPTY, NON_EMPTY, NEGATIVE, FRACTIONAL, NON_FINITE, BEYOND_DOUBLE_PRECISION, EXTREME }

  private record Position(DataType type, boolean nullable, EnumSet<Seen> seen) {}

  private final Map<String, Position> positions = new LinkedHashMap<>();

  static Coverage of(StructType schema, List<Row> rows) {
    Coverage c = new Coverage();
    for (StructField f : schema.fields()) c.register(f.getName(), f.getDataType(), f.isNullable());
    for (Row r : rows) {
      for (int i = 0; i < schema.length(); i++) c.visit(schema.at(i).getName(), schema.at(i).getDataType(), r.get(i));
    }
    return c;
  }

  private void register(String path, DataType type, boolean nullable) {
    positions.put(path, new Position(type, nullable, EnumSet.noneOf(Seen.class)));
    if (type instanceof StructType s) for (StructField f : s.fields()) register(path + "." + f.getName(), f.getDataType(), f.isNullable());
    if (type instanceof ArrayType a) register(path + "[]", a.getElementType(), a.containsNull());
    if (type instanceof MapType m) register(path + "{}", m.getValueType(), m.isValueContainsNull());
  }

  private void visit(String path, DataType type, Object v) {
    Set<Seen> seen = positions.get(path).seen;
    if (v == null) {
      seen.add(Seen.NULL);
      return;
    }
    seen.add(Seen.VALUE);
    if (type instanceof StructType s) {
      Row r = (Row) v;
      for (int i = 0; i < s.length(); i++) visit(path + "." + s.at(i).getName(), s.at(i).getDataType(), r.get(i));
    } else if (type instanceof ArrayType a) {
      List<?> l = (List<?>) v;
      seen.add(l.isEmpty() ? Seen.EMPTY : Seen.NON_EMPTY);
      for (Object e : l) visit(path + "[]", a.getElementType(), e);
    } else if (type instanceof MapType m) {
      Map<?, ?> map = (Map<?, ?>) v;
      seen.add(map.isEmpty() ? Seen.EMPTY : Seen.NON_EMPTY);
      for (Object e : map.values()) visit(path + "{}", m.getValueType(), e);
    } else if (v instanceof String s) {
      seen.add(s.isEmpty() ? Seen.EMPTY : Seen.NON_EMPTY);
    } else if (v instanceof Long l) {
      if (l < 0) seen.add(Seen.NEGATIVE);
      if (Math.abs((double) l) > 0x1p53) seen.add(Seen.BEYOND_DOUBLE_PRECISION);
      if (l == Long.MIN_VALUE || l == Long.MAX_VALUE) seen.add(Seen.EXTREME);
    } else if (v instanceof Integer i) {
      if (i < 0) seen.add(Seen.NEGATIVE);
      if (i == Integer.MIN_VALUE || i == Integer.MAX_VALUE) seen.add(Seen.EXTREME);
    } else if (v instanceof Double d) {
      if (d < 0) seen.add(Seen.NEGATIVE);
      if (Double.isFinite(d) && d != Math.rint(d)) seen.add(Seen.FRACTIONAL);
      if (!Double.isFinite(d)) seen.add(Seen.NON_FINITE);
    }
  }

  /**
   * What the rows failed to exercise, as {@code path: missing [...]}; empty when complete.
   * {@code exempt} positions (a key column the test sets uniquely, an enum column) only need values.
   */
  List<String> gaps(Set<String> exempt) {
    List<String> out = new ArrayList<>();
    positions.forEach((path, p) -> {
      if (exempt.contains(path)) {
        if (!p.seen.contains(Seen.VALUE)) out.add(path + ": missing [VALUE]");
        return;
      }
      EnumSet<Seen> want = EnumSet.of(Seen.VALUE);
      if (p.nullable) want.add(Seen.NULL);
      DataType t = p.type;
      if (t instanceof ArrayType || t instanceof MapType || t instanceof StringType) want.addAll(List.of(Seen.EMPTY, Seen.NON_EMPTY));
      if (t instanceof LongType) want.addAll(List.of(Seen.NEGATIVE, Seen.BEYOND_DOUBLE_PRECISION, Seen.EXTREME));
      if (t instanceof IntegerType) want.addAll(List.of(Seen.NEGATIVE, Seen.EXTREME));
      if (t instanceof DoubleType) want.addAll(List.of(Seen.NEGATIVE, Seen.FRACTIONAL, Seen.NON_FINITE));
      EnumSet<Seen> missing = EnumSet.copyOf(want);
      missing.removeAll(p.seen);
      if (!missing.isEmpty()) out.add(path + ": missing " + missing);
    });
    return out;
  }

  int positions() {
    return positions.size();
  }
}
