package dev.lakegate.lake.otel;

import dev.lakegate.lake.delta.Row;
import java.util.List;

/**
 * The rows of one export request in the column order of the signal's table, and the items that
 * could not be mapped (reported back as {@code partial_success}).
 *
 * @param rejected data points, log records or spans left out
 * @param rejectedMessage why, for the client; null when nothing was rejected
 */
public record OtlpBatch(List<Row> rows, long rejected, String rejectedMessage) {}
