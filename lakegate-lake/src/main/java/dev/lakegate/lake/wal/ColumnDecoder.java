package dev.lakegate.lake.wal;

import dev.lakegate.lake.delta.ColumnBuffer;
import dev.lakegate.lake.delta.RowBuffer;
import dev.lakegate.lake.delta.RowSource;
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

/**
 * Reads what {@link RowEncoder} wrote straight into the columns of a {@link RowBuffer}, for the
 * committer: no {@code Row}, map or boxed value is made, and strings stay UTF-8 from the log to
 * Parquet. The type of every column is resolved once, when the decoder is built, into a tree of
 * readers. Values were checked when they were logged, so they are appended as they are.
 */
final class ColumnDecoder {
  /** Reads one non-null value of its column from the record into the column's buffer. */
  @FunctionalInterface
  private interface Reader {
    void read(ByteSource in, ColumnBuffer out);
  }

  private final Reader[] columns;

  ColumnDecoder(StructType schema) {
    columns = fields(schema);
  }

  /** A record's rows as a source for {@link dev.lakegate.lake.delta.DeltaTable#appendFrom}. */
  RowSource source(WalRecord record) {
    return new RowSource() {
      @Override
      public int rows() {
        return record.rows();
      }

      @Override
      public void appendTo(RowBuffer buffer) {
        decode(record.payload(), record.rows(), buffer);
      }

      @Override
      public String toString() {
        return "log record " + record.seq();
      }
    };
  }

  void decode(byte[] payload, int rows, RowBuffer out) {
    ByteSource in = new ByteSource(payload, 0, payload.length);
    ColumnBuffer[] buffers = new ColumnBuffer[columns.length];
    for (int c = 0; c < buffers.length; c++) buffers[c] = out.column(c);
    for (int r = 0; r < rows; r++) {
      int bitmap = in.skipBitmap(columns.length);
      for (int c = 0; c < columns.length; c++) {
        if (in.bit(bitmap, c)) {
          buffers[c].appendNull();
        } else {
          columns[c].read(in, buffers[c]);
        }
      }
    }
    if (!in.exhausted()) throw new WalException("A log record has bytes after its " + rows + " rows");
  }

  private static Reader[] fields(StructType struct) {
    Reader[] out = new Reader[struct.length()];
    for (int i = 0; i < out.length; i++) out[i] = reader(struct.at(i).getDataType());
    return out;
  }

  private static Reader reader(DataType type) {
    return switch (type) {
      case StructType st -> {
        Reader[] fields = fields(st);
        yield (in, out) -> {
          int bitmap = in.skipBitmap(fields.length);
          out.appendStruct();
          for (int i = 0; i < fields.length; i++) {
            if (in.bit(bitmap, i)) {
              out.field(i).appendNull();
            } else {
              fields[i].read(in, out.field(i));
            }
          }
        };
      }
      case ArrayType at -> {
        Reader element = reader(at.getElementType());
        boolean mayBeNull = at.containsNull();
        yield (in, out) -> {
          int n = in.readCount();
          int bitmap = mayBeNull ? in.skipBitmap(n) : -1;
          out.appendArray(n);
          ColumnBuffer elements = out.elements();
          for (int i = 0; i < n; i++) {
            if (bitmap >= 0 && in.bit(bitmap, i)) {
              elements.appendNull();
            } else {
              element.read(in, elements);
            }
          }
        };
      }
      case MapType mt -> {
        Reader key = reader(mt.getKeyType());
        Reader value = reader(mt.getValueType());
        boolean mayBeNull = mt.isValueContainsNull();
        yield (in, out) -> {
          int n = in.readCount();
          int bitmap = mayBeNull ? in.skipBitmap(n) : -1;
          out.appendMap(n);
          ColumnBuffer keys = out.keys();
          ColumnBuffer values = out.values();
          for (int i = 0; i < n; i++) {
            key.read(in, keys);
            if (bitmap >= 0 && in.bit(bitmap, i)) {
              values.appendNull();
            } else {
              value.read(in, values);
            }
          }
        };
      }
      case StringType t -> ColumnDecoder::bytes;
      case BinaryType t -> ColumnDecoder::bytes;
      case LongType t -> (in, out) -> out.appendLong(in.readZigZag());
      case TimestampType t -> (in, out) -> out.appendLong(in.readZigZag());
      case TimestampNTZType t -> (in, out) -> out.appendLong(in.readZigZag());
      case IntegerType t -> (in, out) -> out.appendInt((int) in.readZigZag());
      case ShortType t -> (in, out) -> out.appendInt((int) in.readZigZag());
      case DateType t -> (in, out) -> out.appendInt((int) in.readZigZag());
      case ByteType t -> (in, out) -> out.appendInt((byte) in.readByte());
      case DoubleType t -> (in, out) -> out.appendDouble(Double.longBitsToDouble(in.readLong()));
      case FloatType t -> (in, out) -> out.appendFloat(Float.intBitsToFloat(in.readInt()));
      case BooleanType t -> (in, out) -> out.appendBoolean(in.readByte() != 0);
      case DecimalType t -> (in, out) ->
          out.appendDecimal(new BigDecimal(new BigInteger(in.readBytes(in.readLength())), t.getScale()));
      default -> throw new WalException("Unsupported column type " + type + " in a log record");
    };
  }

  private static void bytes(ByteSource in, ColumnBuffer out) {
    int n = in.readLength();
    out.appendBytes(in.array(), in.skip(n), n);
  }
}
