package dev.lakegate.lake.delta;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One column of a {@link RowBuffer}: entries appended in row order, held as Delta stores them
 * (typed arrays, strings as UTF-8), so nothing is boxed and the Parquet writer reads them as they
 * are. Each buffer takes only the appends of its type; the others throw {@link IllegalStateException}.
 *
 * <p>Nested entries: a STRUCT entry is {@link #appendStruct()} followed by exactly one append to
 * each {@link #field}; an ARRAY entry is {@link #appendArray}{@code (n)} followed by n appends to
 * {@link #elements()}; a MAP entry is {@link #appendMap}{@code (n)} followed by n appends to
 * {@link #keys()} and n to {@link #values()}. A null entry has no nested entries. Not thread-safe.
 */
public abstract class ColumnBuffer {
  final DataType type;
  final boolean nullable;
  /** The column's path for messages, e.g. {@code sum.exemplars[].value}. */
  final String path;
  /** Entries to make room for at the first append: a batch's expected rows, so arrays rarely grow. */
  final int hint;
  int size;
  private int capacity;
  private boolean[] nulls; // allocated at the first null: most columns never hold one

  ColumnBuffer(DataType type, boolean nullable, String path, int hint) {
    this.type = type;
    this.nullable = nullable;
    this.path = path;
    this.hint = hint;
  }

  /** A buffer for values of {@code type}; {@code path} names the column in error messages. */
  static ColumnBuffer of(DataType type, boolean nullable, String path, int hint) {
    return switch (type) {
      case StructType st -> new NestedBuffers.Struct(st, nullable, path, hint);
      case ArrayType at -> new NestedBuffers.Array(at, nullable, path, hint);
      case MapType mt -> new NestedBuffers.Map(mt, nullable, path, hint);
      case LongType t -> new PrimitiveBuffers.Longs(type, nullable, path, hint);
      case TimestampType t -> new PrimitiveBuffers.Longs(type, nullable, path, hint);
      case TimestampNTZType t -> new PrimitiveBuffers.Longs(type, nullable, path, hint);
      case IntegerType t -> new PrimitiveBuffers.Ints(type, nullable, path, hint);
      case ShortType t -> new PrimitiveBuffers.Ints(type, nullable, path, hint);
      case ByteType t -> new PrimitiveBuffers.Ints(type, nullable, path, hint);
      case DateType t -> new PrimitiveBuffers.Ints(type, nullable, path, hint);
      case DoubleType t -> new PrimitiveBuffers.Doubles(type, nullable, path, hint);
      case FloatType t -> new PrimitiveBuffers.Floats(type, nullable, path, hint);
      case BooleanType t -> new PrimitiveBuffers.Booleans(type, nullable, path, hint);
      case StringType t -> new PrimitiveBuffers.Bytes(type, nullable, path, hint);
      case BinaryType t -> new PrimitiveBuffers.Bytes(type, nullable, path, hint);
      case DecimalType t -> new PrimitiveBuffers.Decimals(t, nullable, path, hint);
      default -> throw new IllegalArgumentException("Column " + path + " has unsupported type " + type);
    };
  }

  public final DataType type() {
    return type;
  }

  /** Entries appended so far, nulls included. */
  public final int size() {
    return size;
  }

  /** A null entry; {@link IllegalArgumentException} if the column is NOT NULL. */
  public final void appendNull() {
    if (!nullable) throw new IllegalArgumentException("Column " + path + " is NOT NULL but got null");
    int i = slot();
    if (nulls == null) nulls = new boolean[capacity];
    nulls[i] = true;
  }

  /** LONG; TIMESTAMP and TIMESTAMP_NTZ as microseconds since the epoch (UTC). */
  public void appendLong(long v) {
    throw misuse("appendLong");
  }

  /** INT, SHORT and BYTE (within their range); DATE as days since the epoch. */
  public void appendInt(int v) {
    throw misuse("appendInt");
  }

  public void appendDouble(double v) {
    throw misuse("appendDouble");
  }

  public void appendFloat(float v) {
    throw misuse("appendFloat");
  }

  public void appendBoolean(boolean v) {
    throw misuse("appendBoolean");
  }

  /** STRING as valid UTF-8, or BINARY: {@code len} bytes of {@code b} from {@code off} (copied). */
  public void appendBytes(byte[] b, int off, int len) {
    throw misuse("appendBytes");
  }

  /** DECIMAL: rescaled to the column's scale without rounding, like a {@link Row} value. */
  public void appendDecimal(BigDecimal v) {
    throw misuse("appendDecimal");
  }

  /** A non-null STRUCT entry: append one entry to each {@link #field} next. */
  public void appendStruct() {
    throw misuse("appendStruct");
  }

  public ColumnBuffer field(int ordinal) {
    throw misuse("field");
  }

  /** A non-null ARRAY entry of {@code n} elements: append them to {@link #elements()} next. */
  public void appendArray(int n) {
    throw misuse("appendArray");
  }

  public ColumnBuffer elements() {
    throw misuse("elements");
  }

  /** A non-null MAP entry of {@code n} pairs: append n {@link #keys()} and n {@link #values()} next. */
  public void appendMap(int n) {
    throw misuse("appendMap");
  }

  public ColumnBuffer keys() {
    throw misuse("keys");
  }

  public ColumnBuffer values() {
    throw misuse("values");
  }

  /** Converts and appends a {@link Row} value (null included), checking it as {@link Row} documents. */
  abstract void appendJava(Object v);

  /** Throws {@link IllegalStateException} unless nested entries match what the parents announced. */
  abstract void requireComplete();

  final boolean isNull(int i) {
    return nulls != null && nulls[i];
  }

  /** The index of a new entry, growing the arrays when full. */
  final int slot() {
    if (size == capacity) {
      capacity = capacity == 0 ? Math.max(16, hint) : capacity * 2;
      resize(capacity);
      if (nulls != null) nulls = Arrays.copyOf(nulls, capacity);
    }
    return size++;
  }

  /** Grows the subclass's per-entry arrays to {@code capacity}. */
  abstract void resize(int capacity);

  final IllegalArgumentException wrongType(Object v) {
    return new IllegalArgumentException("Column " + path + " is " + type + " but got " + v.getClass().getName()
        + " (see Row for the Java type of each column type)");
  }

  private IllegalStateException misuse(String method) {
    return new IllegalStateException("Column " + path + " is " + type + ": " + method + " does not apply");
  }
}
