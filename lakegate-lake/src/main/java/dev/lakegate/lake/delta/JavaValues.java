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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Converts between the Java values of {@link Row} and what Kernel's column vectors hold for
 * primitive types: dates as epoch days (int), timestamps as epoch microseconds (long), decimals
 * at the column's scale.
 */
final class JavaValues {
  private static final Instant EPOCH = Instant.EPOCH;

  private JavaValues() {}

  /** The vector value for a non-null Java value, or an exception naming the column path. */
  static Object toKernel(DataType type, Object v, String path) {
    Object out =
        switch (type) {
          case StringType t -> v instanceof String ? v : null;
          case LongType t -> v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
              ? (Object) ((Number) v).longValue() : null;
          case IntegerType t -> v instanceof Integer || v instanceof Short || v instanceof Byte
              ? (Object) ((Number) v).intValue() : null;
          case ShortType t -> v instanceof Short || v instanceof Byte ? (Object) ((Number) v).shortValue() : null;
          case ByteType t -> v instanceof Byte ? v : null;
          case DoubleType t -> v instanceof Double || v instanceof Float ? (Object) ((Number) v).doubleValue() : null;
          case FloatType t -> v instanceof Float ? v : null;
          case BooleanType t -> v instanceof Boolean ? v : null;
          case BinaryType t -> v instanceof byte[] ? v : null;
          case DateType t -> v instanceof LocalDate d ? (Object) Math.toIntExact(d.toEpochDay()) : null;
          case TimestampType t -> switch (v) {
            case Instant i -> micros(i);
            case OffsetDateTime o -> micros(o.toInstant());
            case ZonedDateTime z -> micros(z.toInstant());
            default -> null;
          };
          case TimestampNTZType t -> v instanceof LocalDateTime l ? (Object) micros(l.toInstant(ZoneOffset.UTC)) : null;
          case DecimalType t -> decimal(t, v, path);
          default -> throw new IllegalArgumentException("Column " + path + " has unsupported type " + type);
        };
    if (out == null) {
      throw new IllegalArgumentException("Column " + path + " is " + type + " but got "
          + v.getClass().getName() + " (see Row for the Java type of each column type)");
    }
    return out;
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

  private static long micros(Instant i) {
    // getNano() is never negative, so this floors pre-1970 instants like Spark does.
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
  }

  private static BigDecimal decimal(DecimalType t, Object v, String path) {
    BigDecimal d = switch (v) {
      case BigDecimal b -> b;
      case Long l -> BigDecimal.valueOf(l);
      case Integer i -> BigDecimal.valueOf(i);
      default -> null;
    };
    if (d == null) {
      return null;
    }
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
}
