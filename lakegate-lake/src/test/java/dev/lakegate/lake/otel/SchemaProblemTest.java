package dev.lakegate.lake.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.sql.OtelTableDdl;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import io.delta.kernel.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Whether a table can take a signal's rows, and if not, the first reason. */
class SchemaProblemTest {
  @ParameterizedTest
  @EnumSource(OtlpSignal.class)
  void theSpecDdlMatchesAndNoOtherSignalsDoes(OtlpSignal signal) {
    assertThat(signal.schemaProblem(signal.schema())).isEmpty();
    for (OtlpSignal other : OtlpSignal.values()) {
      if (other != signal) {
        assertThat(signal.schemaProblem(other.schema()))
            .contains("has the schema of OTel " + other.tableKind() + ", not " + signal.tableKind());
      }
    }
  }

  @Test
  void caseCommentsAndNullabilityDoNotMatter() {
    String ddl = OtelTableDdl.forTable("logs", "main", "t", "cc")
        .replace("event_name STRING", "EVENT_NAME string NOT NULL COMMENT 'what happened'")
        .replace("resource STRUCT<attributes: MAP<STRING, STRING>,",
            "resource STRUCT<Attributes: MAP<STRING, STRING> NOT NULL COMMENT 'resource attributes',");

    assertThat(OtlpSignal.LOGS.schemaProblem(columns(ddl))).isEmpty();
  }

  @Test
  void aMissingColumn() {
    assertThat(OtlpSignal.METRICS.schemaProblem(columns(metricsDdl().replace("unit STRING, ", ""))))
        .contains("lacks column unit (string) of the OTel metrics schema");
    assertThat(OtlpSignal.TRACES.schemaProblem(columns(OtelTableDdl.forTable("spans", "main", "t", "cc")
        .replace("status STRUCT<message: STRING, code: STRING>", "status STRUCT<code: STRING>"))))
        .contains("lacks column status.message (string) of the OTel spans schema");
  }

  @Test
  void aMistypedColumnNamedByItsPath() {
    assertThat(OtlpSignal.METRICS.schemaProblem(columns(metricsDdl().replace("metric_type STRING", "metric_type INT"))))
        .contains("has column metric_type of type int where the OTel metrics schema has string");
    String exemplarValueAsString = metricsDdl().replaceFirst(
        "(sum STRUCT<start_time_unix_nano: LONG, time_unix_nano: LONG, value: DOUBLE,\\s+exemplars: ARRAY<STRUCT<"
            + "time_unix_nano: LONG, value: )DOUBLE", "$1STRING");
    assertThat(OtlpSignal.METRICS.schemaProblem(columns(exemplarValueAsString)))
        .contains("has column sum.exemplars[].value of type string where the OTel metrics schema has double");
    assertThat(OtlpSignal.METRICS.schemaProblem(columns(metricsDdl().replace("metadata MAP<STRING, STRING>",
        "metadata MAP<STRING, INT>"))))
        .contains("has column metadata of type map<string,int> where the OTel metrics schema has map<string,string>");
  }

  @Test
  void anExtraColumn() {
    assertThat(OtlpSignal.METRICS.schemaProblem(columns(metricsDdl().replace("metric_schema_url STRING",
        "metric_schema_url STRING, tenant INT"))))
        .contains("has an extra column tenant (int) that the OTel metrics schema does not have");
  }

  @Test
  void columnsOutOfOrder() {
    assertThat(OtlpSignal.METRICS.schemaProblem(columns(metricsDdl().replace("name STRING, description STRING",
        "description STRING, name STRING"))))
        .contains("has column description at position 1 where the OTel metrics schema has name "
            + "(values are written by position)");
  }

  private static String metricsDdl() {
    return OtelTableDdl.forTable("metrics", "main", "t", "cc");
  }

  private static StructType columns(String ddl) {
    return ((Statement.CreateTable) SqlParser.parse(ddl)).table().columns();
  }
}
