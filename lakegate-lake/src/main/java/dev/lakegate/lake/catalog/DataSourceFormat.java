package dev.lakegate.lake.catalog;

/** Table formats; Lakegate writes and reads Delta only (UC API field {@code data_source_format}). */
public enum DataSourceFormat {
  DELTA
}
