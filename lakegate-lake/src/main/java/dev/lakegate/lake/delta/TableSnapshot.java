package dev.lakegate.lake.delta;

import io.delta.kernel.types.StructType;
import java.util.List;
import java.util.Map;

/**
 * One version of a Delta table as SQL needs it.
 *
 * @param location the table root as a qualified Hadoop URI (e.g. {@code file:/data/t})
 * @param version the Delta log version
 * @param schema the logical schema (no partition columns: Lakegate tables have none)
 * @param properties the table properties (e.g. {@code otel.schemaVersion})
 * @param files the active Parquet data files, absolute: plain paths for local files (what DuckDB
 *     reads), URIs for other filesystems; the table is exactly the union of their rows (no
 *     deletion vectors, column mapping or partition values are involved)
 */
public record TableSnapshot(
    String location, long version, StructType schema, Map<String, String> properties, List<String> files) {
  public TableSnapshot {
    properties = Map.copyOf(properties);
    files = List.copyOf(files);
  }
}
