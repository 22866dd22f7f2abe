package dev.lakegate.compat;

import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.sql.OtelTableDdl;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three OTel tables of SPEC §5 with their DDL exactly as the SPEC prints it (the files are
 * lakegate-lake's test resources, copied to {@code sql/} on this module's test class path by the
 * pom), a key column each test sets uniquely, and the schema Lakegate's parser makes of the DDL.
 */
enum OtelTable {
  METRICS("metrics", "name"),
  LOGS("logs", "observed_time_unix_nano"),
  SPANS("spans", "span_id");

  /** The SPEC's placeholder name, e.g. {@code <catalog>.<schema>.<table_prefix>_otel_metrics}. */
  private static final Pattern NAME = Pattern.compile("<catalog>\\.<schema>\\.<table_prefix>_otel_(metrics|logs|spans)");

  final String signal;
  final String keyColumn;

  OtelTable(String signal, String keyColumn) {
    this.signal = signal;
    this.keyColumn = keyColumn;
  }

  /** The SPEC statement, byte for byte (trailing semicolon included). */
  String specDdl() {
    return OtelTableDdl.verbatim(signal).strip();
  }

  /** The SPEC statement with its placeholder table name replaced by {@code name}, nothing else. */
  String ddlNamed(String name) {
    String ddl = specDdl();
    Matcher m = NAME.matcher(ddl);
    if (!m.find() || !m.group(1).equals(signal)) throw new IllegalStateException("Unexpected SPEC DDL for " + signal + ": " + ddl);
    return ddl.substring(0, m.start()) + name + ddl.substring(m.end());
  }

  /** What Lakegate's SQL parser makes of the SPEC statement: columns and table properties. */
  NewTable parsed() {
    Statement s = SqlParser.parse(ddlNamed("main.telemetry.lg_otel_" + signal));
    if (!(s instanceof Statement.CreateTable create)) throw new IllegalStateException("Not a CREATE TABLE: " + s);
    return create.table();
  }
}
