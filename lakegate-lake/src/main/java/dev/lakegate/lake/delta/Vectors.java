package dev.lakegate.lake.delta;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import java.math.BigDecimal;

/**
 * Kernel {@link ColumnVector}s built directly from Java values (no JSON round trip). Nested
 * values are flattened: all elements of an ARRAY column (or keys/values of a MAP column) live in
 * one child vector and each row sees a {@link Slice} of it, so a batch holds one vector per
 * schema node rather than one per row.
 */
final class Vectors {
  private Vectors() {}

  /** Primitive values already converted by {@link JavaValues#toKernel}; null entries are nulls. */
  record Leaf(DataType type, Object[] values) implements ColumnVector {
    @Override public DataType getDataType() { return type; }
    @Override public int getSize() { return values.length; }
    @Override public void close() {}
    @Override public boolean isNullAt(int i) { return values[i] == null; }
    @Override public boolean getBoolean(int i) { return (Boolean) values[i]; }
    @Override public byte getByte(int i) { return (Byte) values[i]; }
    @Override public short getShort(int i) { return (Short) values[i]; }
    @Override public int getInt(int i) { return (Integer) values[i]; }
    @Override public long getLong(int i) { return (Long) values[i]; }
    @Override public float getFloat(int i) { return (Float) values[i]; }
    @Override public double getDouble(int i) { return (Double) values[i]; }
    @Override public byte[] getBinary(int i) { return (byte[]) values[i]; }
    @Override public String getString(int i) { return (String) values[i]; }
    @Override public BigDecimal getDecimal(int i) { return (BigDecimal) values[i]; }
  }

  /** A STRUCT column: a null mask plus one child vector per field (children are null there too). */
  record Struct(StructType type, boolean[] nulls, ColumnVector[] children) implements ColumnVector {
    @Override public DataType getDataType() { return type; }
    @Override public int getSize() { return nulls.length; }
    @Override public void close() {}
    @Override public boolean isNullAt(int i) { return nulls[i]; }
    @Override public ColumnVector getChild(int ordinal) { return children[ordinal]; }
  }

  /**
   * An ARRAY or MAP column: row i spans {@code offsets[i]..offsets[i+1]} of the flattened child
   * vectors ({@code values} is null for arrays).
   */
  record Nested(DataType type, boolean[] nulls, int[] offsets, ColumnVector keys, ColumnVector values)
      implements ColumnVector {
    @Override public DataType getDataType() { return type; }
    @Override public int getSize() { return nulls.length; }
    @Override public void close() {}
    @Override public boolean isNullAt(int i) { return nulls[i]; }

    @Override
    public ArrayValue getArray(int i) {
      if (!(type instanceof ArrayType)) throw new UnsupportedOperationException("not an array: " + type);
      int from = offsets[i];
      int size = offsets[i + 1] - from;
      Slice elements = new Slice(keys, from, size);
      return new ArrayValue() {
        @Override public int getSize() { return size; }
        @Override public ColumnVector getElements() { return elements; }
      };
    }

    @Override
    public MapValue getMap(int i) {
      if (!(type instanceof MapType)) throw new UnsupportedOperationException("not a map: " + type);
      int from = offsets[i];
      int size = offsets[i + 1] - from;
      Slice k = new Slice(keys, from, size);
      Slice v = new Slice(values, from, size);
      return new MapValue() {
        @Override public int getSize() { return size; }
        @Override public ColumnVector getKeys() { return k; }
        @Override public ColumnVector getValues() { return v; }
      };
    }
  }

  /** Rows {@code from..from+size} of another vector, renumbered from 0 (children sliced alike). */
  record Slice(ColumnVector base, int from, int size) implements ColumnVector {
    @Override public DataType getDataType() { return base.getDataType(); }
    @Override public int getSize() { return size; }
    @Override public void close() {}
    @Override public boolean isNullAt(int i) { return base.isNullAt(from + i); }
    @Override public boolean getBoolean(int i) { return base.getBoolean(from + i); }
    @Override public byte getByte(int i) { return base.getByte(from + i); }
    @Override public short getShort(int i) { return base.getShort(from + i); }
    @Override public int getInt(int i) { return base.getInt(from + i); }
    @Override public long getLong(int i) { return base.getLong(from + i); }
    @Override public float getFloat(int i) { return base.getFloat(from + i); }
    @Override public double getDouble(int i) { return base.getDouble(from + i); }
    @Override public byte[] getBinary(int i) { return base.getBinary(from + i); }
    @Override public String getString(int i) { return base.getString(from + i); }
    @Override public BigDecimal getDecimal(int i) { return base.getDecimal(from + i); }
    @Override public ArrayValue getArray(int i) { return base.getArray(from + i); }
    @Override public MapValue getMap(int i) { return base.getMap(from + i); }
    @Override public ColumnVector getChild(int ordinal) { return new Slice(base.getChild(ordinal), from, size); }
  }
}
