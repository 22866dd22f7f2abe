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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns VALUES literals into Java values for the table's schema, strictly: no fractions into
 * integers, no overflow, no rounding of decimals, NULL only where nullable. Errors point at the
 * offending value and name the column.
 */
final class Coercion {
  private Coercion() {}

  static int indexOf(StructType schema, String name) {
    for (int i = 0; i < schema.length(); i++) {
      if (schema.at(i).getName().equalsIgnoreCase(name)) return i;
    }
    return -1;
  }

  static Object value(Literal lit, DataType type, boolean nullable, String path) {
    if (lit instanceof Literal.Null) {
      if (!nullable) throw fail(lit, "'" + path + "' is NOT NULL");
      return null;
    }
    if (type instanceof StructType s) return struct(lit, s, path);
    if (type instanceof ArrayType a) {
      if (!(lit instanceof Literal.ArrayOf(List<Literal> elements, Pos pos))) throw mismatch(lit, type, path);
      List<Object> out = new ArrayList<>();
      for (Literal e : elements) out.add(value(e, a.getElementType(), a.containsNull(), path + "[]"));
      return Collections.unmodifiableList(out);
    }
    if (type instanceof MapType m) {
      if (!(lit instanceof Literal.MapOf(List<Literal> keys, List<Literal> values, Pos pos))) throw mismatch(lit, type, path);
      Map<Object, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        Object key = value(keys.get(i), m.getKeyType(), false, path + " key");
        if (out.containsKey(key)) throw fail(keys.get(i), "duplicate key " + key + " in map for '" + path + "'");
        out.put(key, value(values.get(i), m.getValueType(), m.isValueContainsNull(), path + " value"));
      }
      return Collections.unmodifiableMap(out);
    }
    return switch (lit) {
      case Literal.Str(String s, Pos pos) -> fromString(lit, s, type, path);
      case Literal.Num(BigDecimal n, Pos pos) -> fromNumber(lit, n, type, path);
      case Literal.Bool(boolean b, Pos pos) when type instanceof BooleanType -> b;
      case Literal.Bool(boolean b, Pos pos) when type instanceof StringType -> Boolean.toString(b);
      default -> throw mismatch(lit, type, path);
    };
  }

  private static Object struct(Literal lit, StructType s, String path) {
    if (!(lit instanceof Literal.StructOf(List<String> names, List<Literal> values, Pos pos))) throw mismatch(lit, s, path);
    Object[] out = new Object[s.length()];
    boolean[] given = new boolean[s.length()];
    if (names.isEmpty() && values.size() != s.length()) {
      throw fail(lit, "struct(…) for '" + path + "' has " + values.size() + " values but the type has " + s.length() + " fields");
    }
    for (int i = 0; i < values.size(); i++) {
      int index = names.isEmpty() ? i : indexOf(s, names.get(i));
      if (index < 0) throw fail(values.get(i), "field '" + names.get(i) + "' is not in " + ColumnTypes.typeText(s));
      StructField f = s.at(index);
      out[index] = value(values.get(i), f.getDataType(), f.isNullable(), path + "." + f.getName());
      given[index] = true;
    }
    for (int i = 0; i < given.length; i++) {
      if (!given[i] && !s.at(i).isNullable()) throw fail(lit, "field '" + path + "." + s.at(i).getName() + "' is NOT NULL");
    }
    return Collections.unmodifiableList(Arrays.asList(out));
  }

  private static Object fromString(Literal lit, String s, DataType type, String path) {
    try {
      if (type instanceof StringType) return s;
      if (type instanceof BinaryType) return s.getBytes(StandardCharsets.UTF_8);
      if (type instanceof DateType) return LocalDate.parse(s.strip());
      if (type instanceof TimestampNTZType) return localDateTime(s);
      if (type instanceof TimestampType) {
        String t = s.strip().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T");
        try {
          return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException noOffset) {
          return localDateTime(t).toInstant(ZoneOffset.UTC);
        }
      }
    } catch (DateTimeParseException e) {
      throw fail(lit, "'" + s + "' is not a valid " + ColumnTypes.typeText(type) + " for '" + path
          + "'; write e.g. '2025-01-31' or '2025-01-31 12:00:00'");
    }
    throw mismatch(lit, type, path);
  }

  private static LocalDateTime localDateTime(String s) {
    String t = s.strip().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T");
    return t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t);
  }

  private static Object fromNumber(Literal lit, BigDecimal n, DataType type, String path) {
    try {
      if (type instanceof LongType) return n.longValueExact();
      if (type instanceof IntegerType) return n.intValueExact();
      if (type instanceof ShortType) return n.shortValueExact();
      if (type instanceof ByteType) return n.byteValueExact();
    } catch (ArithmeticException e) {
      throw fail(lit, show(n) + " does not fit " + ColumnTypes.typeText(type) + " column '" + path + "'");
    }
    if (type instanceof DoubleType || type instanceof FloatType) {
      double d = n.doubleValue();
      if (Double.isInfinite(d) || type instanceof FloatType && Float.isInfinite((float) d)) {
        throw fail(lit, show(n) + " is out of range for '" + path + "'");
      }
      return type instanceof DoubleType ? (Object) d : (Object) (float) d;
    }
    if (type instanceof DecimalType d) {
      try {
        BigDecimal scaled = n.setScale(d.getScale(), RoundingMode.UNNECESSARY);
        if (scaled.precision() - scaled.scale() <= d.getPrecision() - d.getScale()) return scaled;
      } catch (ArithmeticException e) {
        // falls through to the error below
      }
      throw fail(lit, show(n) + " does not fit " + ColumnTypes.typeText(d) + " column '" + path + "' without rounding");
    }
    if (type instanceof StringType) return n.toPlainString();
    throw mismatch(lit, type, path);
  }

  private static String show(BigDecimal n) {
    String plain = n.toPlainString();
    return plain.length() <= 40 ? plain : n.toString();
  }

  private static SqlParseException mismatch(Literal lit, DataType type, String path) {
    return fail(lit, "expected a " + ColumnTypes.typeText(type) + " value for '" + path + "' but found " + describe(lit));
  }

  private static String describe(Literal lit) {
    return switch (lit) {
      case Literal.Str(String s, Pos pos) -> "string '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
      case Literal.Num(BigDecimal n, Pos pos) -> "number " + show(n);
      case Literal.Bool(boolean b, Pos pos) -> Boolean.toString(b).toUpperCase();
      case Literal.Null(Pos pos) -> "NULL";
      case Literal.ArrayOf a -> "array(…)";
      case Literal.MapOf m -> "map(…)";
      case Literal.StructOf s -> "a struct";
    };
  }

  private static SqlParseException fail(Literal lit, String problem) {
    return new SqlParseException(lit.pos(), problem);
  }
}
