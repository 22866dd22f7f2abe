package dev.lakegate.lake.delta;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.Arrays;
import java.util.List;

/**
 * The buffers of STRUCT, ARRAY and MAP columns. Children hold entries only for non-null parents
 * (a null metric struct costs one flag, not one null per leaf), so readers walk them with cursors.
 */
final class NestedBuffers {
  private NestedBuffers() {}

  static final class Struct extends ColumnBuffer {
    final ColumnBuffer[] fields;
    private int present; // non-null entries: each field must hold this many

    Struct(StructType type, boolean nullable, String path, int hint) {
      super(type, nullable, path, hint);
      fields = new ColumnBuffer[type.length()];
      for (int i = 0; i < fields.length; i++) {
        StructField f = type.at(i);
        fields[i] = ColumnBuffer.of(f.getDataType(), f.isNullable(), path + "." + f.getName(), hint);
      }
    }

    @Override
    public void appendStruct() {
      slot();
      present++;
    }

    @Override
    public ColumnBuffer field(int ordinal) {
      return fields[ordinal];
    }

    @Override
    void appendJava(Object v) {
      switch (v) {
        case null -> appendNull();
        case Row r -> {
          requireWidth(r.size());
          appendStruct();
          for (int i = 0; i < fields.length; i++) fields[i].appendJava(r.get(i));
        }
        case Object[] a -> {
          requireWidth(a.length);
          appendStruct();
          for (int i = 0; i < fields.length; i++) fields[i].appendJava(a[i]);
        }
        default -> throw new IllegalArgumentException("Column " + path + " is a STRUCT but got "
            + v.getClass().getName() + " (use Row or Object[])");
      }
    }

    private void requireWidth(int width) {
      if (width != fields.length) {
        throw new IllegalArgumentException("Column " + path + " has " + fields.length + " fields but got " + width + " values");
      }
    }

    @Override
    void requireComplete() {
      for (ColumnBuffer f : fields) {
        if (f.size != present) {
          throw new IllegalStateException("Column " + f.path + " has " + f.size + " entries for " + present + " structs");
        }
        f.requireComplete();
      }
    }

    @Override
    void resize(int capacity) {}
  }

  /** ARRAY: entry i has {@code counts[i]} elements, the next ones of {@link #elements}. */
  static final class Array extends ColumnBuffer {
    final ColumnBuffer elements;
    int[] counts = new int[0];
    private long total; // elements announced

    Array(ArrayType type, boolean nullable, String path, int hint) {
      super(type, nullable, path, hint);
      elements = ColumnBuffer.of(type.getElementType(), type.containsNull(), path + "[]", hint);
    }

    @Override
    public void appendArray(int n) {
      if (n < 0) throw new IllegalArgumentException("Column " + path + ": negative element count " + n);
      int i = slot();
      counts[i] = n;
      total += n;
    }

    @Override
    public ColumnBuffer elements() {
      return elements;
    }

    @Override
    void appendJava(Object v) {
      if (v == null) {
        appendNull();
        return;
      }
      if (!(v instanceof List<?> list)) {
        throw new IllegalArgumentException("Column " + path + " is an ARRAY but got " + v.getClass().getName() + " (use a List)");
      }
      Object[] items = list.toArray(); // one snapshot of the list: count and values agree
      appendArray(items.length);
      for (Object item : items) elements.appendJava(item);
    }

    @Override
    void requireComplete() {
      if (elements.size != total) {
        throw new IllegalStateException("Column " + elements.path + " has " + elements.size + " entries for " + total + " elements");
      }
      elements.requireComplete();
    }

    @Override
    void resize(int capacity) {
      counts = Arrays.copyOf(counts, capacity);
    }
  }

  /** MAP: entry i has {@code counts[i]} pairs, the next ones of {@link #keys} and {@link #values}. */
  static final class Map extends ColumnBuffer {
    final ColumnBuffer keys;
    final ColumnBuffer values;
    int[] counts = new int[0];
    private long total;

    Map(MapType type, boolean nullable, String path, int hint) {
      super(type, nullable, path, hint);
      keys = ColumnBuffer.of(type.getKeyType(), false, path + ".key", hint);
      values = ColumnBuffer.of(type.getValueType(), type.isValueContainsNull(), path + ".value", hint);
    }

    @Override
    public void appendMap(int n) {
      if (n < 0) throw new IllegalArgumentException("Column " + path + ": negative pair count " + n);
      int i = slot();
      counts[i] = n;
      total += n;
    }

    @Override
    public ColumnBuffer keys() {
      return keys;
    }

    @Override
    public ColumnBuffer values() {
      return values;
    }

    @Override
    void appendJava(Object v) {
      if (v == null) {
        appendNull();
        return;
      }
      if (!(v instanceof java.util.Map<?, ?> map)) {
        throw new IllegalArgumentException("Column " + path + " is a MAP but got " + v.getClass().getName() + " (use a Map)");
      }
      Object[] entries = map.entrySet().toArray();
      appendMap(entries.length);
      for (Object o : entries) {
        java.util.Map.Entry<?, ?> e = (java.util.Map.Entry<?, ?>) o;
        keys.appendJava(e.getKey());
        values.appendJava(e.getValue());
      }
    }

    @Override
    void requireComplete() {
      for (ColumnBuffer c : new ColumnBuffer[] {keys, values}) {
        if (c.size != total) {
          throw new IllegalStateException("Column " + c.path + " has " + c.size + " entries for " + total + " pairs");
        }
        c.requireComplete();
      }
    }

    @Override
    void resize(int capacity) {
      counts = Arrays.copyOf(counts, capacity);
    }
  }
}
