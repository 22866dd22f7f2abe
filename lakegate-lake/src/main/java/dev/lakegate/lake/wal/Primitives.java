package dev.lakegate.lake.wal;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Primitive values in the log, in the form Delta stores them, so decoding ({@link ColumnDecoder})
 * yields exactly what a read of the table returns (see {@code Row}): integers and dates as zig-zag
 * varints, timestamps as epoch microseconds, decimals as the unscaled value at the column's scale,
 * floating point as IEEE bits, strings as UTF-8 and binary with a varint length.
 */
final class Primitives {
  private Primitives() {}

  static void write(ByteSink out, DataType type, Object v) {
    switch (type) {
      case StringType t -> bytes(out, v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null, type, v);
      case BinaryType t -> bytes(out, v instanceof byte[] b ? b : null, type, v);
      case LongType t -> out.writeZigZag(integral(v, 8, type));
      case IntegerType t -> out.writeZigZag(integral(v, 4, type));
      case ShortType t -> out.writeZigZag(integral(v, 2, type));
      case ByteType t -> out.writeByte((int) integral(v, 1, type));
      case DoubleType t -> out.writeLong(Double.doubleToRawLongBits(switch (v) {
        case Double d -> d;
        case Float f -> f.doubleValue();
        default -> throw wrongType(type, v);
      }));
      case FloatType t -> out.writeInt(Float.floatToRawIntBits(v instanceof Float f ? f : throwWrong(type, v)));
      case BooleanType t -> out.writeByte(v instanceof Boolean b ? (b ? 1 : 0) : throwWrong(type, v));
      case DateType t -> out.writeZigZag(epochDay(v instanceof LocalDate d ? d : throwWrong(type, v)));
      case TimestampType t -> out.writeZigZag(micros(switch (v) {
        case Instant i -> i;
        case OffsetDateTime o -> o.toInstant();
        case ZonedDateTime z -> z.toInstant();
        default -> throw wrongType(type, v);
      }));
      case TimestampNTZType t -> out.writeZigZag(
          micros(v instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC) : throwWrong(type, v)));
      case DecimalType t -> {
        byte[] unscaled = decimal(t, v).unscaledValue().toByteArray();
        out.writeVarLong(unscaled.length);
        out.writeBytes(unscaled);
      }
      default -> throw new Misfit(" has unsupported type " + type);
    }
  }

  /** Integral types widen like Delta's writer: a LONG takes Long, Integer, Short or Byte. */
  private static long integral(Object v, int maxBytes, DataType type) {
    int bytes = switch (v) {
      case Long l -> 8;
      case Integer i -> 4;
      case Short s -> 2;
      case Byte b -> 1;
      default -> Integer.MAX_VALUE;
    };
    if (bytes > maxBytes) throw wrongType(type, v);
    return ((Number) v).longValue();
  }

  private static void bytes(ByteSink out, byte[] b, DataType type, Object v) {
    if (b == null) throw wrongType(type, v);
    out.writeVarLong(b.length);
    out.writeBytes(b);
  }

  private static long micros(Instant i) {
    try {
      // getNano() is never negative, so this floors pre-1970 instants (as the Delta writer does).
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    } catch (ArithmeticException e) {
      throw new Misfit(": " + i + " is out of the TIMESTAMP range");
    }
  }

  private static int epochDay(LocalDate d) {
    long day = d.toEpochDay();
    if (day != (int) day) throw new Misfit(": " + d + " is out of the DATE range");
    return (int) day;
  }

  private static BigDecimal decimal(DecimalType t, Object v) {
    BigDecimal d = switch (v) {
      case BigDecimal b -> b;
      case Long l -> BigDecimal.valueOf(l);
      case Integer i -> BigDecimal.valueOf(i);
      default -> throw wrongType(t, v);
    };
    BigDecimal scaled;
    try {
      scaled = d.setScale(t.getScale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new Misfit(" is " + t + " but " + d + " needs rounding");
    }
    if (scaled.precision() > t.getPrecision()) {
      throw new Misfit(" is " + t + " but " + d + " has too many digits");
    }
    return scaled;
  }

  private static Misfit wrongType(DataType type, Object v) {
    return new Misfit(" is " + type + " but got " + v.getClass().getName()
        + " (see Row for the Java type of each column type)");
  }

  private static <T> T throwWrong(DataType type, Object v) {
    throw wrongType(type, v);
  }
}
