package dev.lakegate.lake.wal;

import dev.lakegate.lake.delta.Row;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.List;
import java.util.Map;

/**
 * Encodes rows for the log, checking every value against the schema with the rules of {@link Row}
 * (the same ones the Delta writer applies). Checking here matters: a row the log accepted but Delta
 * refused would block the committer forever, so refusal must happen before the caller is answered.
 *
 * <p>Layout: a struct (the row included) is a null bitmap of its fields followed by the non-null
 * values; an array is a varint count, a null bitmap when elements may be null, the elements; a map
 * is a varint count, a null bitmap of values when they may be null, then key, value pairs.
 * Primitives: see {@link Primitives}.
 */
final class RowEncoder {
  private final ByteSink out;

  private RowEncoder(int capacity) {
    out = new ByteSink(capacity);
  }

  /** The rows as one payload, or {@link IllegalArgumentException} naming the row and column path. */
  static byte[] encode(StructType schema, List<Row> rows) {
    RowEncoder e = new RowEncoder(64 * rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      if (row == null) throw new IllegalArgumentException("Row " + r + " is null");
      if (row.size() != schema.length()) {
        throw new IllegalArgumentException(
            "Row " + r + " has " + row.size() + " values but the table has " + schema.length() + " columns");
      }
      try {
        e.struct(schema, row);
      } catch (Misfit m) {
        throw new IllegalArgumentException("Row " + r + ": " + m.getMessage());
      }
    }
    return e.out.toByteArray();
  }

  private void struct(StructType type, Object struct) {
    int width = type.length();
    int bitmap = out.reserve((width + 7) >>> 3);
    for (int i = 0; i < width; i++) {
      StructField f = type.at(i);
      Object v = struct instanceof Row r ? r.get(i) : ((Object[]) struct)[i];
      try {
        if (v == null) {
          if (!f.isNullable()) throw Misfit.notNull();
          out.setBit(bitmap, i);
        } else {
          value(f.getDataType(), v);
        }
      } catch (Misfit m) {
        throw m.within("." + f.getName());
      }
    }
  }

  private void value(DataType type, Object v) {
    switch (type) {
      case StructType st -> {
        int width = switch (v) {
          case Row r -> r.size();
          case Object[] a -> a.length;
          default -> throw new Misfit(" is a STRUCT but got " + v.getClass().getName() + " (use Row or Object[])");
        };
        if (width != st.length()) throw new Misfit(" has " + st.length() + " fields but got " + width + " values");
        struct(st, v);
      }
      case ArrayType at -> {
        if (!(v instanceof List<?> list)) throw new Misfit(" is an ARRAY but got " + v.getClass().getName() + " (use a List)");
        Object[] items = list.toArray(); // one snapshot of the list: count, bitmap and values agree
        out.writeVarLong(items.length);
        int bitmap = at.containsNull() ? out.reserve((items.length + 7) >>> 3) : -1;
        for (int i = 0; i < items.length; i++) {
          try {
            if (items[i] == null) {
              if (bitmap < 0) throw Misfit.notNull();
              out.setBit(bitmap, i);
            } else {
              value(at.getElementType(), items[i]);
            }
          } catch (Misfit m) {
            throw m.within("[" + i + "]");
          }
        }
      }
      case MapType mt -> {
        if (!(v instanceof Map<?, ?> map)) throw new Misfit(" is a MAP but got " + v.getClass().getName() + " (use a Map)");
        Object[] entries = map.entrySet().toArray();
        out.writeVarLong(entries.length);
        int bitmap = mt.isValueContainsNull() ? out.reserve((entries.length + 7) >>> 3) : -1;
        for (int i = 0; i < entries.length; i++) {
          Map.Entry<?, ?> e = (Map.Entry<?, ?>) entries[i];
          if (e.getKey() == null) throw new Misfit(" has a null map key");
          try {
            value(mt.getKeyType(), e.getKey());
          } catch (Misfit m) {
            throw m.within(".key");
          }
          try {
            if (e.getValue() == null) {
              if (bitmap < 0) throw Misfit.notNull();
              out.setBit(bitmap, i);
            } else {
              value(mt.getValueType(), e.getValue());
            }
          } catch (Misfit m) {
            throw m.within("[" + e.getKey() + "]");
          }
        }
      }
      default -> Primitives.write(out, type, v);
    }
  }
}
