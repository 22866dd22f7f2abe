package dev.lakegate.lake.otel;

import com.google.gson.stream.JsonWriter;
import dev.lakegate.lake.delta.Row;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Rows as deterministic JSON, one object a line, keyed by column name in schema order: maps keep
 * their order, doubles are Java's text (so {@code 1.0} and {@code 1} differ), NULL is null.
 */
final class RowJson {
  private RowJson() {}

  static String lines(StructType schema, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    for (Row row : rows) out.append(line(schema, row)).append('\n');
    return out.toString();
  }

  static String line(StructType schema, Row row) {
    StringWriter text = new StringWriter();
    try (JsonWriter w = new JsonWriter(text)) {
      w.setSerializeNulls(true);
      write(w, schema, row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void write(JsonWriter w, DataType type, Object value) throws IOException {
    if (value == null) {
      w.nullValue();
    } else if (type instanceof StructType struct) {
      Row row = (Row) value;
      if (row.size() != struct.length()) throw new AssertionError(row.size() + " values for " + struct);
      w.beginObject();
      for (int i = 0; i < struct.length(); i++) {
        StructField f = struct.at(i);
        w.name(f.getName());
        write(w, f.getDataType(), row.get(i));
      }
      w.endObject();
    } else if (type instanceof ArrayType array) {
      w.beginArray();
      for (Object e : (List<?>) value) write(w, array.getElementType(), e);
      w.endArray();
    } else if (type instanceof MapType map) {
      w.beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        w.name((String) e.getKey());
        write(w, map.getValueType(), e.getValue());
      }
      w.endObject();
    } else if (value instanceof Double d) {
      w.jsonValue(Double.isFinite(d) ? d.toString() : '"' + d.toString() + '"');
    } else if (value instanceof Number n) {
      w.value(n);
    } else if (value instanceof Boolean b) {
      w.value(b);
    } else {
      w.value((String) value);
    }
  }
}
