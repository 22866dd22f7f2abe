package dev.lakegate.lake.delta;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.statistics.DataFileStatistics;
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
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * The Delta statistics of a data file (row count; min, max and null count of the stats columns)
 * from the footer the writer just produced, by the rules of Kernel 4.2's {@code ParquetStatsReader}.
 * Kernel's writer reads the footer back from the file instead, and each read builds a Hadoop
 * {@code Configuration} that parses its XML defaults: about 20 ms per file, a fixed cost of every
 * append.
 */
final class FooterStats {
  private FooterStats() {}

  static DataFileStatistics of(ParquetMetadata footer, StructType schema, List<Column> statsColumns) {
    long rows = 0;
    Map<Column, Statistics<?>> merged = new HashMap<>();
    Map<Column, Boolean> valid = new HashMap<>();
    for (BlockMetaData block : footer.getBlocks()) {
      rows += block.getRowCount();
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        Column column = new Column(chunk.getPath().toArray());
        Statistics<?> s = asRead(chunk.getStatistics());
        // A row group without statistics (or with NaNs, which Parquet marks as no value) spoils the file's.
        boolean ok = s != null && !s.isEmpty() && s.isNumNullsSet()
            && (s.hasNonNullValue() || s.getNumNulls() == chunk.getValueCount());
        valid.merge(column, ok, Boolean::logicalAnd);
        if (ok) merged.merge(column, s, (a, b) -> {
          a.mergeStatistics(b);
          return a;
        });
      }
    }
    Map<Column, Literal> min = new HashMap<>();
    Map<Column, Literal> max = new HashMap<>();
    Map<Column, Long> nulls = new HashMap<>();
    for (Column column : statsColumns) {
      DataType type = typeOf(schema, column);
      Statistics<?> s = merged.get(column);
      if (s == null || !valid.getOrDefault(column, false) || !supported(type)) continue;
      Long numNulls = s.isNumNullsSet() ? s.getNumNulls() : null;
      nulls.put(column, numNulls);
      if (numNulls != null && numNulls == rows) {
        min.put(column, Literal.ofNull(type));
        max.put(column, Literal.ofNull(type));
      } else {
        min.put(column, literal(type, s, true));
        max.put(column, literal(type, s, false));
      }
    }
    return new DataFileStatistics(rows, min, max, nulls, Optional.empty());
  }

  /**
   * The statistics as a reader of the file gets them: what the writer serializes (nothing if
   * empty, nor if min and max take {@value ParquetMetadataConverter#MAX_STATS_SIZE} bytes or more:
   * long strings), rebuilt by parquet-mr's reading builder, which drops NaN bounds and widens zero
   * bounds to -0.0 / +0.0.
   */
  private static Statistics<?> asRead(Statistics<?> written) {
    if (written == null || written.isEmpty() || !written.isSmallerThan(ParquetMetadataConverter.MAX_STATS_SIZE)) return null;
    Statistics.Builder b = Statistics.getBuilderForReading(written.type()).withNumNulls(written.getNumNulls());
    if (written.hasNonNullValue()) b.withMin(written.getMinBytes()).withMax(written.getMaxBytes());
    return b.build();
  }

  private static DataType typeOf(StructType schema, Column column) {
    DataType type = schema;
    for (String name : column.getNames()) {
      if (!(type instanceof StructType st) || st.indexOf(name) < 0) {
        throw new IllegalArgumentException("Cannot resolve stats column " + column + " in " + schema);
      }
      type = st.get(name).getDataType();
    }
    return type;
  }

  private static boolean supported(DataType t) {
    return t instanceof BooleanType || t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType
        || t instanceof LongType || t instanceof FloatType || t instanceof DoubleType || t instanceof DecimalType
        || t instanceof DateType || t instanceof TimestampType || t instanceof TimestampNTZType
        || t instanceof StringType || t instanceof BinaryType;
  }

  private static Literal literal(DataType type, Statistics<?> s, boolean min) {
    Object v = min ? s.genericGetMin() : s.genericGetMax();
    if (v == null) return null;
    return switch (type) {
      case BooleanType t -> Literal.ofBoolean((Boolean) v);
      case ByteType t -> Literal.ofByte(((Number) v).byteValue());
      case ShortType t -> Literal.ofShort(((Number) v).shortValue());
      case IntegerType t -> Literal.ofInt(((Number) v).intValue());
      case LongType t -> Literal.ofLong(((Number) v).longValue());
      case FloatType t -> Literal.ofFloat(((Number) v).floatValue());
      case DoubleType t -> Literal.ofDouble(((Number) v).doubleValue());
      case DateType t -> Literal.ofDate((Integer) v);
      case TimestampType t -> Literal.ofTimestamp((Long) v);
      case TimestampNTZType t -> Literal.ofTimestampNtz((Long) v);
      case StringType t -> Literal.ofString(new String(min ? s.getMinBytes() : s.getMaxBytes(), UTF_8));
      case BinaryType t -> Literal.ofBinary(min ? s.getMinBytes() : s.getMaxBytes());
      case DecimalType t -> {
        BigDecimal d = switch (v) {
          case Integer i -> BigDecimal.valueOf(i, t.getScale());
          case Long l -> BigDecimal.valueOf(l, t.getScale());
          default -> new BigDecimal(new BigInteger(min ? s.getMinBytes() : s.getMaxBytes()), t.getScale());
        };
        yield Literal.ofDecimal(d, t.getPrecision(), t.getScale());
      }
      default -> throw new IllegalArgumentException("No statistics for " + type);
    };
  }
}
