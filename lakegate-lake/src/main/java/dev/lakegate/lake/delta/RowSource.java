package dev.lakegate.lake.delta;

/**
 * Rows that a bulk writer appends straight into column form, for {@link DeltaTable#appendFrom}:
 * e.g. one write-ahead-log record. Sources are independent of each other, so several threads can
 * fill several Parquet files at once.
 */
public interface RowSource {
  /** How many rows {@link #appendTo} appends. */
  int rows();

  /** Appends exactly {@link #rows()} rows to {@code buffer} (whose schema is the table's). */
  void appendTo(RowBuffer buffer);
}
