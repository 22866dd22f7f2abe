package dev.lakegate.lake.otel;

import dev.lakegate.lake.catalog.ColumnTypes;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.List;

/**
 * Compares a table's schema with a signal's, as {@link OtlpSignal#schemaProblem} needs: structure
 * and order only (rows and struct values are positional), names ignoring case, nullability and
 * field metadata ignored.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  static boolean sameShape(DataType expected, DataType actual) {
    if (expected instanceof StructType e && actual instanceof StructType a) {
      List<StructField> ef = e.fields(), af = a.fields();
      if (ef.size() != af.size()) return false;
      for (int i = 0; i < ef.size(); i++) {
        if (!ef.get(i).getName().equalsIgnoreCase(af.get(i).getName())
            || !sameShape(ef.get(i).getDataType(), af.get(i).getDataType())) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof ArrayType e && actual instanceof ArrayType a) {
      return sameShape(e.getElementType(), a.getElementType());
    }
    if (expected instanceof MapType e && actual instanceof MapType a) {
      return sameShape(e.getKeyType(), a.getKeyType()) && sameShape(e.getValueType(), a.getValueType());
    }
    return expected.equals(actual);
  }

  /**
   * The first difference between two struct types that are not {@link #sameShape}: a missing,
   * mistyped, extra or misplaced field, named by its path ({@code sum.exemplars[].value}).
   */
  static String firstDifference(StructType expected, StructType actual, String prefix, String what) {
    for (StructField e : expected.fields()) {
      StructField a = find(actual, e.getName());
      if (a == null) return "lacks column " + prefix + e.getName() + " (" + text(e.getDataType()) + ") of " + what;
      if (!sameShape(e.getDataType(), a.getDataType())) {
        return typeDifference(e.getDataType(), a.getDataType(), prefix + e.getName(), what);
      }
    }
    for (StructField a : actual.fields()) {
      if (find(expected, a.getName()) == null) {
        return "has an extra column " + prefix + a.getName() + " (" + text(a.getDataType()) + ") that " + what
            + " does not have";
      }
    }
    List<StructField> ef = expected.fields(), af = actual.fields();
    for (int i = 0; i < ef.size(); i++) {
      if (!ef.get(i).getName().equalsIgnoreCase(af.get(i).getName())) {
        return "has column " + prefix + af.get(i).getName() + " at position " + (i + 1) + " where " + what
            + " has " + prefix + ef.get(i).getName() + " (values are written by position)";
      }
    }
    throw new IllegalArgumentException("the schemas have the same shape");
  }

  private static String typeDifference(DataType e, DataType a, String path, String what) {
    if (e instanceof StructType es && a instanceof StructType as) return firstDifference(es, as, path + ".", what);
    if (e instanceof ArrayType ea && a instanceof ArrayType aa) {
      return typeDifference(ea.getElementType(), aa.getElementType(), path + "[]", what);
    }
    return "has column " + path + " of type " + text(a) + " where " + what + " has " + text(e);
  }

  private static StructField find(StructType t, String name) {
    for (StructField f : t.fields()) {
      if (f.getName().equalsIgnoreCase(name)) return f;
    }
    return null;
  }

  private static String text(DataType t) {
    return ColumnTypes.typeText(t);
  }
}
