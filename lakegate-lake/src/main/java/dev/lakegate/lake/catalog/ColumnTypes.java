package dev.lakegate.lake.catalog;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FieldMetadata;
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
import io.delta.kernel.types.VariantType;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders Kernel types the ways the Unity Catalog API and DESCRIBE need: {@code type_text}
 * (Spark's {@code catalogString}: {@code bigint}, {@code struct<a:int,b:array<string>>}),
 * {@code type_name} (UC's ColumnTypeName), {@code type_json} (Spark's JSON of the StructField,
 * by Kernel itself) and DDL that {@code SqlParser.parseColumns} reads back to the same schema.
 */
public final class ColumnTypes {
  /** Spark keeps a column comment in the field metadata under this key. */
  public static final String COMMENT_KEY = "comment";

  private static final String STRUCT_PREFIX = "{\"type\":\"struct\",\"fields\":[";

  private ColumnTypes() {}

  public static String typeText(DataType t) {
    if (t instanceof StructType s) {
      return s.fields().stream().map(f -> f.getName() + ":" + typeText(f.getDataType()))
          .collect(Collectors.joining(",", "struct<", ">"));
    }
    if (t instanceof ArrayType a) return "array<" + typeText(a.getElementType()) + ">";
    if (t instanceof MapType m) {
      return "map<" + typeText(m.getKeyType()) + "," + typeText(m.getValueType()) + ">";
    }
    if (t instanceof DecimalType d) return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
    return switch (typeName(t)) {
      case "LONG" -> "bigint";
      case "SHORT" -> "smallint";
      case "BYTE" -> "tinyint";
      default -> typeName(t).toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** UC's ColumnTypeName: LONG, INT, STRING, STRUCT, … */
  public static String typeName(DataType t) {
    if (t instanceof StringType) return "STRING";
    if (t instanceof LongType) return "LONG";
    if (t instanceof IntegerType) return "INT";
    if (t instanceof ShortType) return "SHORT";
    if (t instanceof ByteType) return "BYTE";
    if (t instanceof DoubleType) return "DOUBLE";
    if (t instanceof FloatType) return "FLOAT";
    if (t instanceof BooleanType) return "BOOLEAN";
    if (t instanceof DateType) return "DATE";
    if (t instanceof TimestampType) return "TIMESTAMP";
    if (t instanceof TimestampNTZType) return "TIMESTAMP_NTZ";
    if (t instanceof BinaryType) return "BINARY";
    if (t instanceof DecimalType) return "DECIMAL";
    if (t instanceof ArrayType) return "ARRAY";
    if (t instanceof MapType) return "MAP";
    if (t instanceof StructType) return "STRUCT";
    if (t instanceof VariantType) return "VARIANT";
    throw new IllegalArgumentException("no Unity Catalog type name for " + t);
  }

  /** The column's {@code type_json}: {@code {"name":…,"type":…,"nullable":…,"metadata":{…}}}. */
  public static String typeJson(StructField field) {
    String json = new StructType(List.of(field)).toJson();
    if (!json.startsWith(STRUCT_PREFIX) || !json.endsWith("]}")) {
      throw new IllegalStateException("unexpected Kernel schema JSON: " + json);
    }
    return json.substring(STRUCT_PREFIX.length(), json.length() - 2);
  }

  /** The whole schema in Spark's JSON format, as the Delta log stores it. */
  public static String schemaJson(StructType schema) {
    return schema.toJson();
  }

  public static Optional<String> comment(StructField field) {
    FieldMetadata m = field.getMetadata();
    return m.contains(COMMENT_KEY) ? Optional.ofNullable(m.getString(COMMENT_KEY)) : Optional.empty();
  }

  /** Column definitions, {@code `a` BIGINT NOT NULL COMMENT 'x', …}, readable by the parser. */
  public static String ddl(StructType schema) {
    return schema.fields().stream().map(f -> field(f, " ")).collect(Collectors.joining(", "));
  }

  private static String field(StructField f, String separator) {
    return quote(f.getName()) + separator + ddlType(f.getDataType())
        + (f.isNullable() ? "" : " NOT NULL")
        + comment(f).map(c -> " COMMENT " + literal(c)).orElse("");
  }

  private static String ddlType(DataType t) {
    if (t instanceof StructType s) {
      return s.fields().stream().map(f -> field(f, ": ")).collect(Collectors.joining(", ", "STRUCT<", ">"));
    }
    if (t instanceof ArrayType a) return "ARRAY<" + ddlType(a.getElementType()) + ">";
    if (t instanceof MapType m) return "MAP<" + ddlType(m.getKeyType()) + ", " + ddlType(m.getValueType()) + ">";
    return typeText(t).toUpperCase(java.util.Locale.ROOT);
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
        .replace("\r", "\\r").replace("\t", "\\t") + "'";
  }
}
