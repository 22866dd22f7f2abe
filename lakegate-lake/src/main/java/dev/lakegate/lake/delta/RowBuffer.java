package dev.lakegate.lake.delta;

import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;

/**
 * Rows of a table held column by column, as the Parquet writer consumes them. Bulk writers that
 * have their values in another form (the write-ahead log's records) append them straight into the
 * {@link #column columns} instead of building {@link Row}s: one entry per row in every top-level
 * column, see {@link ColumnBuffer}. Not thread-safe.
 */
public final class RowBuffer {
  private final StructType schema;
  private final ColumnBuffer[] columns;

  RowBuffer(StructType schema, int expectedRows) {
    this.schema = schema;
    columns = new ColumnBuffer[schema.length()];
    for (int c = 0; c < columns.length; c++) {
      StructField f = schema.at(c);
      columns[c] = ColumnBuffer.of(f.getDataType(), f.isNullable(), f.getName(), expectedRows);
    }
  }

  public StructType schema() {
    return schema;
  }

  public ColumnBuffer column(int ordinal) {
    return columns[ordinal];
  }

  /** Rows so far: the entries of the first column. */
  public int size() {
    return columns.length == 0 ? 0 : columns[0].size;
  }

  /** Appends a {@link Row}, checking every value; {@code index} numbers it in messages. */
  void add(Row row, int index) {
    if (row == null) throw new IllegalArgumentException("Row " + index + " is null");
    if (row.size() != columns.length) {
      throw new IllegalArgumentException(
          "Row " + index + " has " + row.size() + " values but the table has " + columns.length + " columns");
    }
    for (int c = 0; c < columns.length; c++) columns[c].appendJava(row.get(c));
  }

  /** Every column holds {@link #size()} rows and every nested entry its announced children. */
  void requireComplete() {
    int rows = size();
    for (ColumnBuffer c : columns) {
      if (c.size != rows) {
        throw new IllegalStateException("Column " + c.path + " has " + c.size + " entries but the buffer has " + rows + " rows");
      }
      c.requireComplete();
    }
  }

  ColumnBuffer[] columns() {
    return columns;
  }
}
