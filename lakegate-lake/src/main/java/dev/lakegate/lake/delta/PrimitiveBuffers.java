package dev.lakegate.lake.delta;

import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * The buffers of primitive columns. The Java conversions of {@link #appendJava} follow the table in
 * {@link Row}; which one applies is decided once per column (the {@code kind} fields), not per value.
 */
final class PrimitiveBuffers {
  private PrimitiveBuffers() {}

  /** A leaf: writes entry {@code i} as a non-null Parquet value at levels {@code r}, {@code d}. */
  abstract static sealed class Primitive extends ColumnBuffer permits Longs, Ints, Doubles, Floats, Booleans, Bytes,
      Decimals {
    Primitive(DataType type, boolean nullable, String path, int hint) {
      super(type, nullable, path, hint);
    }

    abstract void write(ColumnWriter w, int i, int r, int d);

    @Override
    final void requireComplete() {}
  }

  /** LONG, TIMESTAMP, TIMESTAMP_NTZ (microseconds). */
  static final class Longs extends Primitive {
    private final boolean timestamp = type instanceof TimestampType;
    private final boolean ntz = type instanceof TimestampNTZType;
    private long[] values = new long[0];

    Longs(DataType type, boolean nullable, String path, int hint) {
      super(type, nullable, path, hint);
    }

    @Override
    public void appendLong(long v) {
      int i = slot();
      values[i] = v;
    }

    @Override
    void appendJava(Object v) {
      if (v == null) {
        appendNull();
      } else if (timestamp) {
        appendLong(switch (v) {
          case Instant t -> JavaValues.micros(t, path);
          case OffsetDateTime o -> JavaValues.micros(o.toInstant(), path);
          case ZonedDateTime z -> JavaValues.micros(z.toInstant(), path);
          default -> throw wrongType(v);
        });
      } else if (ntz) {
        if (!(v instanceof LocalDateTime l)) throw wrongType(v);
        appendLong(JavaValues.micros(l.toInstant(ZoneOffset.UTC), path));
      } else if (JavaValues.integralBytes(v) <= 8) {
        appendLong(((Number) v).longValue());
      } else {
        throw wrongType(v);
      }
    }

    @Override
    void write(ColumnWriter w, int i, int r, int d) {
      w.write(values[i], r, d);
    }

    @Override
    void resize(int capacity) {
      values = Arrays.copyOf(values, capacity);
    }
  }

  /** INT, SHORT, BYTE (all INT32 in Parquet), DATE (epoch days). */
  static final class Ints extends Primitive {
    private final int bytes = type instanceof ShortType ? 2 : type instanceof ByteType ? 1 : 4;
    private final boolean date = type instanceof DateType;
    private int[] values = new int[0];

    Ints(DataType type, boolean nullable, String path, int hint) {
      super(type, nullable, path, hint);
    }

    @Override
    public void appendInt(int v) {
      if (bytes < 4 && v != (bytes == 2 ? (short) v : (byte) v)) {
        throw new IllegalArgumentException("Column " + path + " is " + type + " but got " + v);
      }
      int i = slot();
      values[i] = v;
    }

    @Override
    void appendJava(Object v) {
      if (v == null) {
        appendNull();
      } else if (date) {
        if (!(v instanceof LocalDate d)) throw wrongType(v);
        appendInt(JavaValues.epochDay(d, path));
      } else if (JavaValues.integralBytes(v) <= bytes) {
        appendInt(((Number) v).intValue());
      } else {
        throw wrongType(v);
      }
    }

    @Override
    void write(ColumnWriter w, int i, int r, int d) {
      w.write(values[i], r, d);
    }

    @Override
    void resize(int capacity) {
      values = Arrays.copyOf(values, capacity);
    }
  }

  static final class Doubles extends Primitive {
    private double[] values = new double[0];

    Doubles(DataType type, boolean nullable, String path, int hint) {
      super(type, nullable, path, hint);
    }

    @Override
    public void appendDouble(double v) {
      int i = slot();
      values[i] = v;
    }

    @Override
    void appendJava(Object v) {
      switch (v) {
        case null -> appendNull();
        case Double d -> appendDouble(d);
        case Float f -> appendDouble(f);
        default -> throw wrongType(v);
      }
    }

    @Override
    void write(ColumnWriter w, int i, int r, int d) {
      w.write(values[i], r, d);
    }

    @Override
    void resize(int capacity) {
      values = Arrays.copyOf(values, capacity);
    }
  }

  static final class Floats extends Primitive {
    private float[] values = new float[0];

    Floats(DataType type, boolean nullable, String path, int hint) {
      super(type, nullable, path, hint);
    }

    @Override
    public void appendFloat(float v) {
      int i = slot();
      values[i] = v;
    }

    @Override
    void appendJava(Object v) {
      switch (v) {
        case null -> appendNull();
        case Float f -> appendFloat(f);
        default -> throw wrongType(v);
      }
    }

    @Override
    void write(ColumnWriter w, int i, int r, int d) {
      w.write(values[i], r, d);
    }

    @Override
    void resize(int capacity) {
      values = Arrays.copyOf(values, capacity);
    }
  }

  static final class Booleans extends Primitive {
    private boolean[] values = new boolean[0];

    Booleans(DataType type, boolean nullable, String path, int hint) {
      super(type, nullable, path, hint);
    }

    @Override
    public void appendBoolean(boolean v) {
      int i = slot();
      values[i] = v;
    }

    @Override
    void appendJava(Object v) {
      switch (v) {
        case null -> appendNull();
        case Boolean b -> appendBoolean(b);
        default -> throw wrongType(v);
      }
    }

    @Override
    void write(ColumnWriter w, int i, int r, int d) {
      w.write(values[i], r, d);
    }

    @Override
    void resize(int capacity) {
      values = Arrays.copyOf(values, capacity);
    }
  }

  /**
   * STRING (UTF-8) and BINARY: entry i is {@code lengths[i]} bytes of {@code data} from
   * {@code starts[i]}. The Parquet writer wraps slices of that array, so no per-value array is made.
   */
  static final class Bytes extends Primitive {
    private final boolean string = type instanceof StringType;
    private byte[] data = new byte[256];
    private int used;
    private int[] starts = new int[0];
    private int[] lengths = new int[0];

    Bytes(DataType type, boolean nullable, String path, int hint) {
      super(type, nullable, path, hint);
    }

    @Override
    public void appendBytes(byte[] b, int off, int len) {
      if (len > data.length - used) data = Arrays.copyOf(data, Math.max(data.length * 2, used + len));
      System.arraycopy(b, off, data, used, len);
      int i = slot();
      starts[i] = used;
      lengths[i] = len;
      used += len;
    }

    @Override
    void appendJava(Object v) {
      if (v == null) {
        appendNull();
        return;
      }
      byte[] b = string ? (v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null) : (v instanceof byte[] a ? a : null);
      if (b == null) throw wrongType(v);
      appendBytes(b, 0, b.length);
    }

    @Override
    void write(ColumnWriter w, int i, int r, int d) {
      // Constant: the array does not change while the file is written, so Parquet may keep the slice.
      w.write(Binary.fromConstantByteArray(data, starts[i], lengths[i]), r, d);
    }

    @Override
    void resize(int capacity) {
      starts = Arrays.copyOf(starts, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
    }
  }

  /** DECIMAL, written as Kernel's writer does: INT32 up to 9 digits, INT64 up to 18, else fixed-length bytes. */
  static final class Decimals extends Primitive {
    private final DecimalType decimal;
    private BigDecimal[] values = new BigDecimal[0];

    Decimals(DecimalType type, boolean nullable, String path, int hint) {
      super(type, nullable, path, hint);
      this.decimal = type;
    }

    @Override
    public void appendDecimal(BigDecimal v) {
      BigDecimal scaled = JavaValues.decimal(decimal, v, path);
      int i = slot();
      values[i] = scaled;
    }

    @Override
    void appendJava(Object v) {
      switch (v) {
        case null -> appendNull();
        case BigDecimal b -> appendDecimal(b);
        case Long l -> appendDecimal(BigDecimal.valueOf(l));
        case Integer n -> appendDecimal(BigDecimal.valueOf(n));
        default -> throw wrongType(v);
      }
    }

    @Override
    void write(ColumnWriter w, int i, int r, int d) {
      BigDecimal v = values[i];
      int precision = decimal.getPrecision();
      if (precision <= ParquetSchemas.DECIMAL_MAX_DIGITS_IN_INT) {
        w.write(v.unscaledValue().intValue(), r, d);
      } else if (precision <= ParquetSchemas.DECIMAL_MAX_DIGITS_IN_LONG) {
        w.write(v.unscaledValue().longValue(), r, d);
      } else {
        byte[] unscaled = v.unscaledValue().toByteArray();
        byte[] fixed = new byte[ParquetSchemas.decimalBytes(precision)];
        Arrays.fill(fixed, 0, fixed.length - unscaled.length, unscaled[0] < 0 ? (byte) -1 : 0); // sign extension
        System.arraycopy(unscaled, 0, fixed, fixed.length - unscaled.length, unscaled.length);
        w.write(Binary.fromConstantByteArray(fixed), r, d);
      }
    }

    @Override
    void resize(int capacity) {
      values = Arrays.copyOf(values, capacity);
    }
  }
}
