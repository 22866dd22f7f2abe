package dev.lakegate.lake.query;

import java.util.List;

/**
 * A query's answer with JSON-friendly values: String, Boolean, Integer (also for SMALLINT and
 * TINYINT), Long, BigInteger, BigDecimal, Double/Float (NaN and infinities as the strings "NaN", "Infinity",
 * "-Infinity"), ISO-8601 strings for DATE, TIMESTAMP ({@code 2025-01-31T12:34:56.123456Z}) and
 * TIMESTAMP_NTZ ({@code 2025-01-31T12:34:56}), base64 for BINARY, List for arrays, Map with String
 * keys for STRUCT (field order kept) and MAP, null.
 *
 * @param truncated true when the query had more rows than the row limit
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows, boolean truncated) {
  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /**
   * @param duckdbType DuckDB's type, e.g. {@code STRUCT(a BIGINT, b VARCHAR[])}
   * @param typeText the Spark/Databricks spelling, e.g. {@code STRUCT<a: BIGINT, b: ARRAY<STRING>>}
   * @param typeName the Databricks type name: STRING, LONG, INT, SHORT, BYTE, DOUBLE, FLOAT,
   *     BOOLEAN, DATE, TIMESTAMP, TIMESTAMP_NTZ, DECIMAL, BINARY, ARRAY, MAP, STRUCT, INTERVAL, NULL
   */
  public record Column(String name, String duckdbType, String typeText, String typeName) {}
}
