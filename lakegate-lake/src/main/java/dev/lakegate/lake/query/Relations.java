package dev.lakegate.lake.query;

import dev.lakegate.lake.delta.TableSnapshot;
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
import java.util.stream.Collectors;

/** The DuckDB query that stands for one Delta table scan in a sandbox. */
final class Relations {
  private Relations() {}

  /**
   * {@code SELECT * FROM read_parquet([...], union_by_name=true)} over the active files, with the
   * row filter as its WHERE (DuckDB pushes it into the Parquet scan); for a table with no files, a
   * typed empty relation so queries on new tables bind and return no rows.
   */
  static String of(TableScan scan) {
    TableSnapshot s = scan.snapshot();
    if (s.files().isEmpty()) {
      String columns = s.schema().fields().stream()
          .map(f -> "CAST(NULL AS " + duckType(f.getDataType()) + ") AS " + ident(f.getName()))
          .collect(Collectors.joining(", "));
      return "SELECT " + columns + " WHERE false";
    }
    String read = s.files().stream().map(Relations::literal)
        .collect(Collectors.joining(", ", "SELECT * FROM read_parquet([", "], union_by_name=true)"));
    return scan.filter().map(f -> read + " WHERE (" + f.owner() + ") = " + literal(f.value())).orElse(read);
  }

  /**
   * The DuckDB type Kernel's Parquet files read back as, so empty and non-empty tables agree:
   * TIMESTAMP is UTC-adjusted (TIMESTAMPTZ), and SHORT/BYTE are plain INT32 without an INT(16)/INT(8)
   * annotation in Kernel 4.2's files, so DuckDB sees INTEGER.
   */
  static String duckType(DataType t) {
    return switch (t) {
      case StringType x -> "VARCHAR";
      case LongType x -> "BIGINT";
      case IntegerType x -> "INTEGER";
      case ShortType x -> "INTEGER";
      case ByteType x -> "INTEGER";
      case DoubleType x -> "DOUBLE";
      case FloatType x -> "FLOAT";
      case BooleanType x -> "BOOLEAN";
      case DateType x -> "DATE";
      case TimestampType x -> "TIMESTAMPTZ";
      case TimestampNTZType x -> "TIMESTAMP";
      case DecimalType d -> "DECIMAL(" + d.getPrecision() + "," + d.getScale() + ")";
      case BinaryType x -> "BLOB";
      case ArrayType a -> duckType(a.getElementType()) + "[]";
      case MapType m -> "MAP(" + duckType(m.getKeyType()) + ", " + duckType(m.getValueType()) + ")";
      case StructType st -> st.fields().stream().map(f -> ident(f.getName()) + " " + duckType(f.getDataType()))
          .collect(Collectors.joining(", ", "STRUCT(", ")"));
      default -> throw new SqlException("Column type " + t + " cannot be queried yet");
    };
  }

  static String ident(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
