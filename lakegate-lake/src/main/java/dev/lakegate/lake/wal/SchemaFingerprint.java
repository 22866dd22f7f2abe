package dev.lakegate.lake.wal;

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
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 64-bit hash of what the codec depends on (field order, types, nullability), stored in each
 * segment header so a log written for another schema is refused instead of mis-read. Rendered by
 * hand rather than from Kernel's JSON so a Kernel upgrade that changes the JSON does not orphan logs.
 */
final class SchemaFingerprint {
  private SchemaFingerprint() {}

  /** The fingerprint; {@link IllegalArgumentException} for a type the log cannot encode. */
  static long of(StructType schema) {
    StringBuilder sb = new StringBuilder();
    render(schema, sb);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void render(DataType type, StringBuilder sb) {
    switch (type) {
      case StructType st -> {
        if (st.length() == 0) throw new IllegalArgumentException("An empty STRUCT cannot be logged");
        sb.append("struct<");
        for (StructField f : st.fields()) {
          sb.append(f.getName().length()).append(':').append(f.getName()).append(' ');
          render(f.getDataType(), sb);
          sb.append(f.isNullable() ? "," : " not null,");
        }
        sb.append('>');
      }
      case ArrayType at -> {
        sb.append("array<");
        render(at.getElementType(), sb);
        sb.append(at.containsNull() ? ">" : " not null>");
      }
      case MapType mt -> {
        sb.append("map<");
        render(mt.getKeyType(), sb);
        sb.append(',');
        render(mt.getValueType(), sb);
        sb.append(mt.isValueContainsNull() ? ">" : " not null>");
      }
      case DecimalType t -> sb.append("decimal(").append(t.getPrecision()).append(',').append(t.getScale()).append(')');
      case StringType t -> sb.append("string");
      case BinaryType t -> sb.append("binary");
      case LongType t -> sb.append("long");
      case IntegerType t -> sb.append("int");
      case ShortType t -> sb.append("short");
      case ByteType t -> sb.append("byte");
      case DoubleType t -> sb.append("double");
      case FloatType t -> sb.append("float");
      case BooleanType t -> sb.append("boolean");
      case DateType t -> sb.append("date");
      case TimestampType t -> sb.append("timestamp");
      case TimestampNTZType t -> sb.append("timestamp_ntz");
      default -> throw new IllegalArgumentException("Column type " + type + " cannot be written through the log");
    }
  }
}
