package dev.lakegate.lake.query;

import dev.lakegate.lake.delta.TableSnapshot;
import java.util.Optional;

/**
 * One table as a query reads it: a snapshot and, for readers who may see only part of it, the
 * filter DuckDB applies inside the scan (so no query shape can read around it).
 */
public record TableScan(TableSnapshot snapshot, Optional<RowFilter> filter) implements Source {
  public static TableScan all(TableSnapshot snapshot) {
    return new TableScan(snapshot, Optional.empty());
  }
}
