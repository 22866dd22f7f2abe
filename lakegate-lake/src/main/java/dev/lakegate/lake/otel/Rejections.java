package dev.lakegate.lake.otel;

import dev.lakegate.lake.delta.Row;
import java.util.Collections;
import java.util.List;

/** Items left out of a batch: how many and the first reason, for OTLP's {@code partial_success}. */
final class Rejections {
  private final String unit;
  private long count;
  private String first;

  /** @param unit what is counted, singular: "data point", "log record", "span" */
  Rejections(String unit) {
    this.unit = unit;
  }

  void add(String reason) {
    if (count++ == 0) first = reason;
  }

  OtlpBatch batch(List<Row> rows) {
    List<Row> kept = Collections.unmodifiableList(rows);
    if (count == 0) return new OtlpBatch(kept, 0, null);
    String message = count == 1
        ? "1 " + unit + " rejected: " + first
        : count + " " + unit + "s rejected; the first: " + first;
    return new OtlpBatch(kept, count, message);
  }
}
