package dev.lakegate.lake.wal;

import dev.lakegate.lake.delta.Row;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what {@link RowEncoder} wrote, as the Java types a read of the Delta table returns. */
final class RowDecoder {
  private final ByteSource in;

  private RowDecoder(ByteSource in) {
    this.in = in;
  }

  static List<Row> decode(StructType schema, byte[] payload, int rows) {
    RowDecoder d = new RowDecoder(new ByteSource(payload, 0, payload.length));
    List<Row> out = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) out.add(d.struct(schema));
    if (!d.in.exhausted()) throw new WalException("A log record has bytes after its " + rows + " rows");
    return out;
  }

  private Row struct(StructType type) {
    int width = type.length();
    int bitmap = in.skipBitmap(width);
    Object[] values = new Object[width];
    for (int i = 0; i < width; i++) {
      if (!in.bit(bitmap, i)) values[i] = value(type.at(i).getDataType());
    }
    return Row.of(values);
  }

  private Object value(DataType type) {
    return switch (type) {
      case StructType st -> struct(st);
      case ArrayType at -> {
        int n = in.readCount();
        int bitmap = at.containsNull() ? in.skipBitmap(n) : -1;
        Object[] items = new Object[n];
        for (int i = 0; i < n; i++) {
          if (bitmap < 0 || !in.bit(bitmap, i)) items[i] = value(at.getElementType());
        }
        yield Arrays.asList(items);
      }
      case MapType mt -> {
        int n = in.readCount();
        int bitmap = mt.isValueContainsNull() ? in.skipBitmap(n) : -1;
        Map<Object, Object> map = LinkedHashMap.newLinkedHashMap(n);
        for (int i = 0; i < n; i++) {
          Object key = value(mt.getKeyType());
          map.put(key, bitmap >= 0 && in.bit(bitmap, i) ? null : value(mt.getValueType()));
        }
        yield map;
      }
      default -> Primitives.read(in, type);
    };
  }
}
