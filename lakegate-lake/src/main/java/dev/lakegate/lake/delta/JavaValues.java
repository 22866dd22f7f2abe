package dev.lakegate.lake.delta;

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
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Converts between the Java values of {@link Row} and what Delta stores for primitive types: dates
 * as epoch days (int), timestamps as epoch microseconds (long), decimals at the column's scale.
 */
final class JavaValues {
  private static final Instant EPOCH = Instant.EPOCH;

  private JavaValues() {}

  /** Bytes of a Java integral value (8 for Long … 1 for Byte), more than 8 for anything else. */
  static int integralBytes(Object v) {
    return switch (v) {
      case Long l -> 8;
      case Integer i -> 4;
      case Short s -> 2;
      case Byte b -> 1;
      default -> Integer.MAX_VALUE;
    };
  }

  static long micros(Instant i, String path) {
    try {
      // getNano() is never negative, so this floors pre-1970 instants like Spark does.
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Column " + path + ": " + i + " is out of the TIMESTAMP range");
    }
  }

  static int epochDay(LocalDate d, String path) {
    long day = d.toEpochDay();
    if (day != (int) day) throw new IllegalArgumentException("Column " + path + ": " + d + " is out of the DATE range");
    return (int) day;
  }

  /** {@code d} at the column's scale; refuses a value that needs rounding or has too many digits. */
  static BigDecimal decimal(DecimalType t, BigDecimal d, String path) {
    try {
      BigDecimal scaled = d.setScale(t.getScale(), RoundingMode.UNNECESSARY);
      if (scaled.precision() > t.getPrecision()) {
        throw new IllegalArgumentException("Column " + path + " is " + t + " but " + d + " has too many digits");
      }
      return scaled;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Column " + path + " is " + t + " but " + d + " needs rounding");
    }
  }

  /** The Java value of a non-null primitive vector entry. */
  static Object fromKernel(DataType type, io.delta.kernel.data.ColumnVector v, int i) {
    return switch (type) {
      case StringType t -> v.getString(i);
      case LongType t -> v.getLong(i);
      case IntegerType t -> v.getInt(i);
      case ShortType t -> v.getShort(i);
      case ByteType t -> v.getByte(i);
      case DoubleType t -> v.getDouble(i);
      case FloatType t -> v.getFloat(i);
      case BooleanType t -> v.getBoolean(i);
      case BinaryType t -> v.getBinary(i);
      case DateType t -> LocalDate.ofEpochDay(v.getInt(i));
      case TimestampType t -> EPOCH.plus(v.getLong(i), ChronoUnit.MICROS);
      case TimestampNTZType t -> LocalDateTime.ofInstant(EPOCH.plus(v.getLong(i), ChronoUnit.MICROS), ZoneOffset.UTC);
      case DecimalType t -> v.getDecimal(i);
      default -> throw new IllegalArgumentException("Unsupported column type " + type);
    };
  }
}
