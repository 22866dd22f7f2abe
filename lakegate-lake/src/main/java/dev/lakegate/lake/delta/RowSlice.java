package dev.lakegate.lake.delta;

import java.util.ArrayList;
import java.util.List;

/** Rows {@code from..to} of a {@link Row} list as a {@link RowSource}: converted on the writing thread. */
record RowSlice(List<Row> list, int from, int to) implements RowSource {
  /** Rows per slice: small enough to spread an append over the writing threads evenly. */
  static final int ROWS = 1024;

  static List<RowSlice> of(List<Row> rows) {
    List<RowSlice> out = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += ROWS) out.add(new RowSlice(rows, from, Math.min(rows.size(), from + ROWS)));
    return out;
  }

  @Override
  public int rows() {
    return to - from;
  }

  @Override
  public void appendTo(RowBuffer buffer) {
    for (int i = from; i < to; i++) buffer.add(list.get(i), i);
  }
}
