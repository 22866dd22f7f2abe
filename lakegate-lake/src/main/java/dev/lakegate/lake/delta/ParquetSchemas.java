package dev.lakegate.lake.delta;

import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FLOAT;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;
import static org.apache.parquet.schema.Type.Repetition.OPTIONAL;
import static org.apache.parquet.schema.Type.Repetition.REQUIRED;

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
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema Delta Kernel 4.2's default writer gives a table schema (its
 * {@code ParquetSchemaUtils.toParquetSchema}, package-private there), so files written by
 * {@link ParquetPartWriter} look exactly like Kernel's to every reader: 3-level lists and maps,
 * INT64 microsecond timestamps, BYTE and SHORT as plain INT32, decimals by precision. Our tables
 * have no column mapping, so no field ids.
 */
final class ParquetSchemas {
  static final int DECIMAL_MAX_DIGITS_IN_INT = 9;
  static final int DECIMAL_MAX_DIGITS_IN_LONG = 18;

  private ParquetSchemas() {}

  static MessageType of(StructType schema) {
    return new MessageType("DefaultKernelSchema", fields(schema));
  }

  /** Bytes of a FIXED_LEN_BYTE_ARRAY decimal of this precision (Kernel's and Spark's rule). */
  static int decimalBytes(int precision) {
    int n = 1;
    while (Math.pow(2.0, 8 * n - 1) < Math.pow(10.0, precision)) n++;
    return n;
  }

  private static List<Type> fields(StructType struct) {
    List<Type> out = new ArrayList<>();
    for (StructField f : struct.fields()) out.add(type(f.getDataType(), f.getName(), f.isNullable() ? OPTIONAL : REQUIRED));
    return out;
  }

  private static Type type(DataType dataType, String name, Type.Repetition rep) {
    return switch (dataType) {
      case BooleanType t -> Types.primitive(BOOLEAN, rep).named(name);
      case ByteType t -> Types.primitive(INT32, rep).named(name);
      case ShortType t -> Types.primitive(INT32, rep).named(name);
      case IntegerType t -> Types.primitive(INT32, rep).named(name);
      case LongType t -> Types.primitive(INT64, rep).named(name);
      case FloatType t -> Types.primitive(FLOAT, rep).named(name);
      case DoubleType t -> Types.primitive(DOUBLE, rep).named(name);
      case StringType t -> Types.primitive(BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(name);
      case BinaryType t -> Types.primitive(BINARY, rep).named(name);
      case DateType t -> Types.primitive(INT32, rep).as(LogicalTypeAnnotation.dateType()).named(name);
      case TimestampType t -> Types.primitive(INT64, rep).as(LogicalTypeAnnotation.timestampType(true, MICROS)).named(name);
      case TimestampNTZType t ->
          Types.primitive(INT64, rep).as(LogicalTypeAnnotation.timestampType(false, MICROS)).named(name);
      case DecimalType t -> decimal(t, name, rep);
      case ArrayType t -> Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
          .addField(Types.repeatedGroup()
              .addField(type(t.getElementType(), "element", t.containsNull() ? OPTIONAL : REQUIRED))
              .named("list"))
          .named(name);
      case MapType t -> Types.buildGroup(rep).as(LogicalTypeAnnotation.mapType())
          .addField(Types.repeatedGroup()
              .addField(type(t.getKeyType(), "key", REQUIRED))
              .addField(type(t.getValueType(), "value", t.isValueContainsNull() ? OPTIONAL : REQUIRED))
              .named("key_value"))
          .named(name);
      case StructType t -> new GroupType(rep, name, fields(t));
      default -> throw new IllegalArgumentException("Writing " + dataType + " to Parquet is not supported");
    };
  }

  private static Type decimal(DecimalType t, String name, Type.Repetition rep) {
    LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(t.getScale(), t.getPrecision());
    if (t.getPrecision() <= DECIMAL_MAX_DIGITS_IN_INT) return Types.primitive(INT32, rep).as(annotation).named(name);
    if (t.getPrecision() <= DECIMAL_MAX_DIGITS_IN_LONG) return Types.primitive(INT64, rep).as(annotation).named(name);
    return Types.primitive(FIXED_LEN_BYTE_ARRAY, rep).as(annotation).length(decimalBytes(t.getPrecision())).named(name);
  }
}
