package dev.lakegate.lake.delta;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads Kernel column vectors (what a scan of the table returns) back into {@link Row}s. */
final class KernelRows {
  private KernelRows() {}

  /** Emits the selected rows of a batch; {@code selected} may be null (all rows). */
  static void forEach(ColumnarBatch batch, ColumnVector selected, Consumer<Row> sink) {
    StructType schema = batch.getSchema();
    int width = schema.length();
    ColumnVector[] columns = new ColumnVector[width];
    for (int c = 0; c < width; c++) columns[c] = batch.getColumnVector(c);
    for (int r = 0; r < batch.getSize(); r++) {
      if (selected != null && (selected.isNullAt(r) || !selected.getBoolean(r))) continue;
      Object[] values = new Object[width];
      for (int c = 0; c < width; c++) values[c] = value(columns[c], r);
      sink.accept(Row.wrap(values));
    }
  }

  static Object value(ColumnVector v, int i) {
    if (v.isNullAt(i)) return null;
    DataType type = v.getDataType();
    return switch (type) {
      case StructType st -> {
        Object[] fields = new Object[st.length()];
        for (int c = 0; c < fields.length; c++) fields[c] = value(v.getChild(c), i);
        yield Row.wrap(fields);
      }
      case ArrayType at -> {
        ArrayValue a = v.getArray(i);
        ColumnVector elements = a.getElements();
        List<Object> list = new ArrayList<>(a.getSize());
        for (int e = 0; e < a.getSize(); e++) list.add(value(elements, e));
        yield Collections.unmodifiableList(list);
      }
      case MapType mt -> {
        MapValue m = v.getMap(i);
        ColumnVector keys = m.getKeys();
        ColumnVector values = m.getValues();
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int e = 0; e < m.getSize(); e++) map.put(value(keys, e), value(values, e));
        yield Collections.unmodifiableMap(map);
      }
      default -> JavaValues.fromKernel(type, v, i);
    };
  }
}
