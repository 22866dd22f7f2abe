package dev.lakegate.lake.sql;

import dev.lakegate.lake.catalog.ColumnTypes;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Spark/Databricks column definitions and data types into Kernel types. Fields are nullable
 * unless NOT NULL; array elements and map values always are; a COMMENT goes to the field metadata
 * under {@code comment}, where Spark keeps it. Nesting is bounded so hostile input fails cleanly.
 */
final class TypeParser {
  static final int MAX_DEPTH = 64;
  private static final String KNOWN = "STRING, BIGINT/LONG, INT/INTEGER, SMALLINT/SHORT, "
      + "TINYINT/BYTE, DOUBLE, FLOAT/REAL, BOOLEAN, DATE, TIMESTAMP, TIMESTAMP_NTZ, DECIMAL(p,s), "
      + "BINARY, ARRAY<…>, MAP<…,…>, STRUCT<…>";

  private final Cursor c;

  TypeParser(Cursor c) {
    this.c = c;
  }

  /**
   * {@code name type [NOT NULL] [COMMENT '…'], …} up to (not including) {@code closer}; a closer
   * of {@code ;} also accepts the end of input.
   */
  StructType columns(char closer) {
    return fields(closer, false, 0);
  }

  DataType type(int depth) {
    Token t = c.peek();
    if (t.kind() != Token.Kind.WORD) throw c.expected("a data type", "");
    if (depth > MAX_DEPTH) throw Cursor.fail(t, "data types nest deeper than " + MAX_DEPTH + " levels");
    c.next();
    return switch (t.upper()) {
      case "STRING" -> StringType.STRING;
      case "BIGINT", "LONG" -> LongType.LONG;
      case "INT", "INTEGER" -> IntegerType.INTEGER;
      case "SMALLINT", "SHORT" -> ShortType.SHORT;
      case "TINYINT", "BYTE" -> ByteType.BYTE;
      case "DOUBLE" -> DoubleType.DOUBLE;
      case "FLOAT", "REAL" -> FloatType.FLOAT;
      case "BOOLEAN" -> BooleanType.BOOLEAN;
      case "DATE" -> DateType.DATE;
      case "TIMESTAMP", "TIMESTAMP_LTZ" -> TimestampType.TIMESTAMP;
      case "TIMESTAMP_NTZ" -> TimestampNTZType.TIMESTAMP_NTZ;
      case "BINARY" -> BinaryType.BINARY;
      case "DECIMAL", "DEC", "NUMERIC" -> decimal();
      case "ARRAY" -> {
        open("ARRAY");
        DataType element = type(depth + 1);
        close("ARRAY");
        yield new ArrayType(element, true);
      }
      case "MAP" -> {
        open("MAP");
        DataType key = type(depth + 1);
        c.expectSymbol(',', "between the key and value types of MAP<…>");
        DataType value = type(depth + 1);
        close("MAP");
        yield new MapType(key, value, true);
      }
      case "STRUCT" -> {
        open("STRUCT");
        StructType struct = fields('>', true, depth + 1);
        close("STRUCT");
        yield struct;
      }
      case "VARCHAR", "CHAR" -> throw Cursor.fail(t, t.upper() + " is not supported; use STRING");
      default -> throw Cursor.fail(t, "unknown data type '" + t.text() + "'; expected one of " + KNOWN);
    };
  }

  private StructType fields(char closer, boolean inStruct, int depth) {
    List<StructField> fields = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    do {
      Token name = c.expectIdentifier(inStruct ? "a field name" : "a column name");
      Idents.column(name);
      if (!seen.add(name.text().toLowerCase(Locale.ROOT))) {
        throw Cursor.fail(name, "duplicate " + (inStruct ? "field" : "column") + " name '" + name.text() + "'");
      }
      if (inStruct) c.acceptSymbol(':');
      fields.add(options(name.text(), type(depth)));
    } while (c.acceptSymbol(','));
    if (closer == ';' && c.peek().kind() == Token.Kind.EOF) return new StructType(fields);
    if (!c.atSymbol(closer)) {
      String what = inStruct ? "to close STRUCT<…>" : "to close the column list";
      throw c.expected("',' or '" + closer + "'", what);
    }
    return new StructType(fields);
  }

  /** NOT NULL and COMMENT, in either order, each once. */
  private StructField options(String name, DataType type) {
    boolean nullable = true;
    String comment = null;
    while (true) {
      Token t = c.peek();
      if (t.isWord("NOT")) {
        c.next();
        c.expectWord("NULL", "after NOT");
        if (!nullable) throw Cursor.fail(t, "NOT NULL given twice for '" + name + "'");
        nullable = false;
      } else if (t.isWord("COMMENT")) {
        c.next();
        if (comment != null) throw Cursor.fail(t, "COMMENT given twice for '" + name + "'");
        comment = c.expectString("a comment").text();
      } else if (t.isWord("DEFAULT") || t.isWord("GENERATED")) {
        throw Cursor.fail(t, t.upper() + " columns are not supported; write the value on insert");
      } else {
        FieldMetadata meta = comment == null ? FieldMetadata.empty()
            : FieldMetadata.builder().putString(ColumnTypes.COMMENT_KEY, comment).build();
        return new StructField(name, type, nullable, meta);
      }
    }
  }

  private DataType decimal() {
    if (!c.acceptSymbol('(')) return new DecimalType(10, 0);
    Token p = c.peek();
    int precision = integer("a precision");
    int scale = c.acceptSymbol(',') ? integer("a scale") : 0;
    c.expectSymbol(')', "to close DECIMAL(p, s)");
    if (precision < 1 || precision > 38) throw Cursor.fail(p, "DECIMAL precision must be 1 to 38, not " + precision);
    if (scale > precision) throw Cursor.fail(p, "DECIMAL scale " + scale + " exceeds its precision " + precision);
    return new DecimalType(precision, scale);
  }

  private int integer(String what) {
    Token t = c.peek();
    if (t.kind() != Token.Kind.NUMBER || !t.text().matches("\\d{1,3}")) throw c.expected(what + " (a small whole number)", "");
    c.next();
    return Integer.parseInt(t.text());
  }

  private void open(String type) {
    c.expectSymbol('<', "after " + type);
  }

  private void close(String type) {
    c.expectSymbol('>', "to close " + type + "<…>");
  }
}
