package dev.lakegate.compat;

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
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Bridges between Lakegate's values ({@link Row}, {@code List}, {@code Map}, boxed primitives: see
 * {@link Row}'s javadoc) and Spark's ({@link org.apache.spark.sql.Row}, Scala collections), all
 * guided by one Kernel schema, plus a field-by-field diff for readable failures.
 */
final class Values {
  private Values() {}

  // ---- Schemas ------------------------------------------------------------------------------

  /** The Spark type for a Kernel type, nullability included (field metadata is empty on both sides). */
  static org.apache.spark.sql.types.DataType toSpark(DataType t) {
    if (t instanceof StructType s) {
      List<org.apache.spark.sql.types.StructField> fields = new ArrayList<>();
      for (StructField f : s.fields()) fields.add(DataTypes.createStructField(f.getName(), toSpark(f.getDataType()), f.isNullable()));
      return DataTypes.createStructType(fields);
    }
    if (t instanceof ArrayType a) return DataTypes.createArrayType(toSpark(a.getElementType()), a.containsNull());
    if (t instanceof MapType m) return DataTypes.createMapType(toSpark(m.getKeyType()), toSpark(m.getValueType()), m.isValueContainsNull());
    if (t instanceof StringType) return DataTypes.StringType;
    if (t instanceof LongType) return DataTypes.LongType;
    if (t instanceof IntegerType) return DataTypes.IntegerType;
    if (t instanceof ShortType) return DataTypes.ShortType;
    if (t instanceof ByteType) return DataTypes.ByteType;
    if (t instanceof DoubleType) return DataTypes.DoubleType;
    if (t instanceof FloatType) return DataTypes.FloatType;
    if (t instanceof BooleanType) return DataTypes.BooleanType;
    if (t instanceof BinaryType) return DataTypes.BinaryType;
    if (t instanceof DateType) return DataTypes.DateType;
    if (t instanceof TimestampType) return DataTypes.TimestampType;
    if (t instanceof TimestampNTZType) return DataTypes.TimestampNTZType;
    if (t instanceof DecimalType d) return DataTypes.createDecimalType(d.getPrecision(), d.getScale());
    throw new IllegalArgumentException("No Spark type for " + t);
  }

  static org.apache.spark.sql.types.StructType toSpark(StructType schema) {
    return (org.apache.spark.sql.types.StructType) toSpark((DataType) schema);
  }

  /**
   * A schema as text with every name, type and nullability (fields, array elements, map values),
   * one line per field: what two schemas must agree on, in a form whose diff is readable.
   */
  static String describe(org.apache.spark.sql.types.StructType schema) {
    return schema.treeString();
  }

  // ---- Rows ---------------------------------------------------------------------------------

  /** A Lakegate row as a Spark row (Java lists and maps are what {@code createDataFrame} takes). */
  static org.apache.spark.sql.Row toSparkRow(Row row, StructType schema) {
    Object[] out = new Object[schema.length()];
    for (int i = 0; i < out.length; i++) out[i] = toSparkValue(row.get(i), schema.at(i).getDataType());
    return RowFactory.create(out);
  }

  private static Object toSparkValue(Object v, DataType t) {
    if (v == null) return null;
    if (t instanceof StructType s) return toSparkRow((Row) v, s);
    if (t instanceof ArrayType a) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) out.add(toSparkValue(e, a.getElementType()));
      return out;
    }
    if (t instanceof MapType m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, e) -> out.put(toSparkValue(k, m.getKeyType()), toSparkValue(e, m.getValueType())));
      return out;
    }
    return v;
  }

  /** A row Spark collected, as the Lakegate row it should equal. */
  static Row fromSparkRow(org.apache.spark.sql.Row row, StructType schema) {
    if (row.length() != schema.length()) throw new AssertionError("Spark row has " + row.length() + " fields, schema " + schema.length());
    Object[] out = new Object[schema.length()];
    for (int i = 0; i < out.length; i++) out[i] = fromSparkValue(row.get(i), schema.at(i).getDataType());
    return Row.of(out);
  }

  private static Object fromSparkValue(Object v, DataType t) {
    if (v == null) return null;
    if (t instanceof StructType s) return fromSparkRow((org.apache.spark.sql.Row) v, s);
    if (t instanceof ArrayType a) {
      List<Object> out = new ArrayList<>();
      for (Object e : CollectionConverters.asJava((scala.collection.Iterable<?>) v)) out.add(fromSparkValue(e, a.getElementType()));
      return out;
    }
    if (t instanceof MapType m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      CollectionConverters.asJava((scala.collection.Map<?, ?>) v)
          .forEach((k, e) -> out.put(fromSparkValue(k, m.getKeyType()), fromSparkValue(e, m.getValueType())));
      return out;
    }
    return v;
  }

  /** Rows by key (their rendering); fails on a duplicate or null key. */
  static Map<String, Row> byKey(List<Row> rows, StructType schema, String keyColumn) {
    int k = schema.indexOf(keyColumn);
    Map<String, Row> out = new TreeMap<>();
    for (Row r : rows) {
      Object key = r.get(k);
      if (key == null) throw new AssertionError("Row without a key: " + r);
      if (out.put(String.valueOf(key), r) != null) throw new AssertionError("Duplicate key " + key);
    }
    return out;
  }

  /**
   * Every difference between two keyed row sets, as {@code key: column.path[i]{mapKey}: expected
   * X but was Y} lines (at most {@code limit}); empty when equal. Doubles compare as
   * {@link Double#equals} does: bit for bit up to NaN, so -0.0 differs from 0.0.
   */
  static List<String> diff(StructType schema, Map<String, Row> expected, Map<String, Row> actual, int limit) {
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      if (out.size() >= limit) break;
      Row e = expected.get(key);
      Row a = actual.get(key);
      if (e == null) out.add(key + ": unexpected row " + a);
      else if (a == null) out.add(key + ": missing row " + e);
      else diffStruct(key + ": ", schema, e, a, out);
    }
    return out;
  }

  private static void diffStruct(String path, StructType s, Row e, Row a, List<String> out) {
    for (int i = 0; i < s.length(); i++) {
      StructField f = s.at(i);
      String p = path.endsWith(": ") ? path + f.getName() : path + "." + f.getName();
      diffValue(p, f.getDataType(), e.get(i), a.get(i), out);
    }
  }

  private static void diffValue(String path, DataType t, Object e, Object a, List<String> out) {
    if (e == null || a == null) {
      if (e != a) out.add(path + ": expected " + show(e) + " but was " + show(a));
    } else if (t instanceof StructType s) {
      diffStruct(path, s, (Row) e, (Row) a, out);
    } else if (t instanceof ArrayType at) {
      List<?> el = (List<?>) e;
      List<?> al = (List<?>) a;
      if (el.size() != al.size()) out.add(path + ": expected " + el.size() + " elements " + el + " but was " + al.size() + " " + al);
      else for (int i = 0; i < el.size(); i++) diffValue(path + "[" + i + "]", at.getElementType(), el.get(i), al.get(i), out);
    } else if (t instanceof MapType mt) {
      Map<?, ?> em = (Map<?, ?>) e;
      Map<?, ?> am = (Map<?, ?>) a;
      if (!em.keySet().equals(am.keySet())) out.add(path + ": expected keys " + em.keySet() + " but was " + am.keySet());
      else for (Object k : em.keySet()) diffValue(path + "{" + show(k) + "}", mt.getValueType(), em.get(k), am.get(k), out);
    } else if (!Objects.equals(e, a)) {
      out.add(path + ": expected " + show(e) + " but was " + show(a));
    }
  }

  private static String show(Object v) {
    if (v == null) return "null";
    String s = v instanceof String str ? '"' + str.replace("\n", "\\n").replace("\t", "\\t") + '"' : v.toString();
    s = s.length() > 80 ? s.substring(0, 77) + "…" : s;
    return s + " (" + v.getClass().getSimpleName() + ")";
  }

  // ---- SQL ----------------------------------------------------------------------------------

  /** A Spark SQL expression for a value of Kernel type {@code t}, typed exactly. */
  static String sqlLiteral(Object v, DataType t) {
    String sqlType = toSpark(t).sql();
    if (v == null) return "CAST(NULL AS " + sqlType + ")";
    if (t instanceof StructType s) {
      Row r = (Row) v;
      StringBuilder b = new StringBuilder("named_struct(");
      for (int i = 0; i < s.length(); i++) {
        if (i > 0) b.append(", ");
        b.append(string(s.at(i).getName())).append(", ").append(sqlLiteral(r.get(i), s.at(i).getDataType()));
      }
      return b.append(')').toString();
    }
    if (t instanceof ArrayType a) {
      return "CAST(array(" + join((List<?>) v, e -> sqlLiteral(e, a.getElementType())) + ") AS " + sqlType + ")";
    }
    if (t instanceof MapType m) {
      List<String> parts = new ArrayList<>();
      ((Map<?, ?>) v).forEach((k, e) -> parts.add(sqlLiteral(k, m.getKeyType()) + ", " + sqlLiteral(e, m.getValueType())));
      return "CAST(map(" + String.join(", ", parts) + ") AS " + sqlType + ")";
    }
    if (t instanceof StringType) return string((String) v);
    if (t instanceof BooleanType) return v.toString().toUpperCase();
    if (t instanceof LongType || t instanceof IntegerType || t instanceof DoubleType) {
      return "CAST('" + v + "' AS " + sqlType + ")";
    }
    throw new IllegalArgumentException("No SQL literal for " + t);
  }

  /** A VALUES tuple for a row. */
  static String sqlTuple(Row row, StructType schema) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < schema.length(); i++) parts.add(sqlLiteral(row.get(i), schema.at(i).getDataType()));
    return "(" + String.join(", ", parts) + ")";
  }

  private static String string(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String join(Collection<?> values, Function<Object, String> f) {
    List<String> parts = new ArrayList<>();
    for (Object v : values) parts.add(f.apply(v));
    return String.join(", ", parts);
  }

  /** A query cell normalised for comparing engines: numbers by exact decimal value, the rest as text. */
  static String cell(Object v) {
    if (v == null) return "NULL";
    if (v instanceof BigDecimal d) return d.stripTrailingZeros().toPlainString();
    if (v instanceof BigInteger || v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return new BigDecimal(v.toString()).toPlainString();
    }
    if (v instanceof Double || v instanceof Float) return Double.toString(((Number) v).doubleValue());
    return v.toString();
  }
}
