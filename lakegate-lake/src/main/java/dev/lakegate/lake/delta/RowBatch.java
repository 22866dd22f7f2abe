package dev.lakegate.lake.delta;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link Row}s into a Kernel {@link ColumnarBatch}, checking every value against the schema
 * (type, nullability, struct arity) before anything is written.
 */
record RowBatch(StructType schema, ColumnVector[] columns, int size) implements ColumnarBatch {

  static RowBatch of(StructType schema, List<Row> rows) {
    int n = rows.size();
    int width = schema.length();
    ColumnVector[] columns = new ColumnVector[width];
    for (int c = 0; c < width; c++) {
      StructField f = schema.at(c);
      Object[] values = new Object[n];
      for (int r = 0; r < n; r++) {
        Row row = rows.get(r);
        if (row.size() != width) {
          throw new IllegalArgumentException(
              "Row " + r + " has " + row.size() + " values but the table has " + width + " columns");
        }
        values[r] = row.get(c);
      }
      columns[c] = vector(f.getDataType(), f.isNullable(), values, f.getName());
    }
    return new RowBatch(schema, columns, n);
  }

  @Override public StructType getSchema() { return schema; }
  @Override public ColumnVector getColumnVector(int ordinal) { return columns[ordinal]; }
  @Override public int getSize() { return size; }

  /** One vector for {@code values} of {@code type}; {@code path} names the column in errors. */
  static ColumnVector vector(DataType type, boolean nullable, Object[] values, String path) {
    int n = values.length;
    boolean[] nulls = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (values[i] == null) {
        if (!nullable) throw new IllegalArgumentException("Column " + path + " is NOT NULL but got null");
        nulls[i] = true;
      }
    }
    return switch (type) {
      case StructType st -> struct(st, nulls, values, path);
      case ArrayType at -> array(at, nulls, values, path);
      case MapType mt -> map(mt, nulls, values, path);
      default -> {
        Object[] converted = new Object[n];
        for (int i = 0; i < n; i++) {
          if (!nulls[i]) converted[i] = JavaValues.toKernel(type, values[i], path);
        }
        yield new Vectors.Leaf(type, converted);
      }
    };
  }

  private static ColumnVector struct(StructType type, boolean[] nulls, Object[] values, String path) {
    int n = values.length;
    int width = type.length();
    Object[][] rows = new Object[n][];
    for (int i = 0; i < n; i++) {
      if (nulls[i]) continue;
      rows[i] = switch (values[i]) {
        case Row r -> r.values();
        case Object[] a -> a;
        default -> throw new IllegalArgumentException("Column " + path + " is a STRUCT but got "
            + values[i].getClass().getName() + " (use Row or Object[])");
      };
      if (rows[i].length != width) {
        throw new IllegalArgumentException("Column " + path + " has " + width + " fields but got "
            + rows[i].length + " values");
      }
    }
    ColumnVector[] children = new ColumnVector[width];
    for (int c = 0; c < width; c++) {
      StructField f = type.at(c);
      Object[] child = new Object[n];
      for (int i = 0; i < n; i++) child[i] = nulls[i] ? null : rows[i][c];
      // A null struct's fields are null too; only check NOT NULL fields where the struct exists.
      children[c] = vector(f.getDataType(), true, child, path + "." + f.getName());
      if (!f.isNullable()) {
        for (int i = 0; i < n; i++) {
          if (!nulls[i] && child[i] == null) {
            throw new IllegalArgumentException("Column " + path + "." + f.getName() + " is NOT NULL but got null");
          }
        }
      }
    }
    return new Vectors.Struct(type, nulls, children);
  }

  private static ColumnVector array(ArrayType type, boolean[] nulls, Object[] values, String path) {
    int[] offsets = new int[values.length + 1];
    int total = 0;
    for (int i = 0; i < values.length; i++) {
      if (!nulls[i] && !(values[i] instanceof List<?>)) {
        throw new IllegalArgumentException("Column " + path + " is an ARRAY but got "
            + values[i].getClass().getName() + " (use a List)");
      }
      total += nulls[i] ? 0 : ((List<?>) values[i]).size();
      offsets[i + 1] = total;
    }
    Object[] flat = new Object[total];
    for (int i = 0; i < values.length; i++) {
      if (nulls[i]) continue;
      int at = offsets[i];
      for (Object e : (List<?>) values[i]) flat[at++] = e;
    }
    ColumnVector elements = vector(type.getElementType(), type.containsNull(), flat, path + "[]");
    return new Vectors.Nested(type, nulls, offsets, elements, null);
  }

  private static ColumnVector map(MapType type, boolean[] nulls, Object[] values, String path) {
    int[] offsets = new int[values.length + 1];
    int total = 0;
    for (int i = 0; i < values.length; i++) {
      if (!nulls[i] && !(values[i] instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("Column " + path + " is a MAP but got "
            + values[i].getClass().getName() + " (use a Map)");
      }
      total += nulls[i] ? 0 : ((Map<?, ?>) values[i]).size();
      offsets[i + 1] = total;
    }
    Object[] keys = new Object[total];
    Object[] vals = new Object[total];
    for (int i = 0; i < values.length; i++) {
      if (nulls[i]) continue;
      int at = offsets[i];
      for (Map.Entry<?, ?> e : ((Map<?, ?>) values[i]).entrySet()) {
        keys[at] = e.getKey();
        vals[at++] = e.getValue();
      }
    }
    ColumnVector k = vector(type.getKeyType(), false, keys, path + ".key");
    ColumnVector v = vector(type.getValueType(), type.isValueContainsNull(), vals, path + ".value");
    return new Vectors.Nested(type, nulls, offsets, k, v);
  }
}
