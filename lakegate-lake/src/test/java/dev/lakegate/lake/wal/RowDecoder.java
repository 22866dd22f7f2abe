package dev.lakegate.lake.wal;

import dev.lakegate.lake.delta.Row;
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
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link RowEncoder} wrote back into {@link Row}s, as a read of the Delta table returns
 * them: for tests that look into log records (the committer decodes into columns, {@link ColumnDecoder}).
 */
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
      case StringType t -> new String(in.readBytes(in.readLength()), StandardCharsets.UTF_8);
      case BinaryType t -> in.readBytes(in.readLength());
      case LongType t -> in.readZigZag();
      case IntegerType t -> (int) in.readZigZag();
      case ShortType t -> (short) in.readZigZag();
      case ByteType t -> (byte) in.readByte();
      case DoubleType t -> Double.longBitsToDouble(in.readLong());
      case FloatType t -> Float.intBitsToFloat(in.readInt());
      case BooleanType t -> in.readByte() != 0;
      case DateType t -> LocalDate.ofEpochDay(in.readZigZag());
      case TimestampType t -> instant(in.readZigZag());
      case TimestampNTZType t -> LocalDateTime.ofInstant(instant(in.readZigZag()), ZoneOffset.UTC);
      case DecimalType t -> new BigDecimal(new BigInteger(in.readBytes(in.readLength())), t.getScale());
      default -> throw new WalException("Unsupported column type " + type + " in a log record");
    };
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
