package dev.lakegate.lake.otel;

import dev.lakegate.lake.sql.OtelTableDdl;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import io.delta.kernel.types.StructType;
import java.util.Optional;

/** The three OTLP signals, each landing in its own table (SPEC §5). */
public enum OtlpSignal {
  METRICS("metrics", "metrics"),
  LOGS("logs", "logs"),
  TRACES("traces", "spans");

  private final String path;
  private final String tableKind;
  private final StructType schema;

  OtlpSignal(String path, String tableKind) {
    this.path = path;
    this.tableKind = tableKind;
    this.schema = parseSpecDdl(tableKind);
  }

  /** The last segment of {@code /api/2.0/otel/v1/<path>}: metrics, logs or traces. */
  public String path() {
    return path;
  }

  /** The table kind of {@code OtelTableDdl}: metrics, logs or spans. */
  public String tableKind() {
    return tableKind;
  }

  public static Optional<OtlpSignal> ofPath(String path) {
    for (OtlpSignal s : values()) {
      if (s.path.equals(path)) return Optional.of(s);
    }
    return Optional.empty();
  }

  /**
   * The SPEC §5 schema of this signal's table, parsed from the verbatim DDL ({@link OtelTableDdl}).
   * {@link Otlp#decode} produces rows in exactly this column order.
   */
  public StructType schema() {
    return schema;
  }

  /**
   * Why a table of {@code tableSchema} cannot take this signal's rows, or empty when it can. Names
   * the other signal when the schema is another signal's table, else the first missing, extra or
   * mistyped column (or one out of order: rows are positional). Names compare ignoring case; field
   * nullability and metadata (comments) are ignored.
   *
   * <p>The text is a predicate meant to follow the table's name, e.g. {@code "has the schema of
   * OTel logs, not metrics"} or {@code "lacks column unit (string) of the OTel metrics schema"}.
   */
  public Optional<String> schemaProblem(StructType tableSchema) {
    if (SchemaCheck.sameShape(schema, tableSchema)) return Optional.empty();
    for (OtlpSignal other : values()) {
      if (other != this && SchemaCheck.sameShape(other.schema, tableSchema)) {
        return Optional.of("has the schema of OTel " + other.tableKind + ", not " + tableKind);
      }
    }
    return Optional.of(SchemaCheck.firstDifference(schema, tableSchema, "", "the OTel " + tableKind + " schema"));
  }

  private static StructType parseSpecDdl(String tableKind) {
    String ddl = OtelTableDdl.forTable(tableKind, "main", "default", "otlp");
    return ((Statement.CreateTable) SqlParser.parse(ddl)).table().columns();
  }
}
