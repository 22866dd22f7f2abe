package dev.lakegate.lake.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.sql.OtelTableDdl;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mapped rows fit the tables users create with the SPEC's DDL: appended to a real Delta table
 * and read back, they are unchanged.
 */
class DeltaRoundTripTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(OtlpSignal.class)
  void rowsOfEverySourceRoundTripThroughATableMadeWithTheSpecDdl(OtlpSignal signal) {
    NewTable spec = ((Statement.CreateTable) SqlParser.parse(
        OtelTableDdl.forTable(signal.tableKind(), "main", "telemetry", "cc"))).table();
    DeltaTable table = new DeltaTables().create(dir.toString(), spec.columns(), spec.properties());
    List<Row> rows = new ArrayList<>();
    rows.addAll(Otlp.decode(signal, OtlpEncoding.JSON, Bodies.read("json/" + signal.path() + ".json")).rows());
    if (signal != OtlpSignal.TRACES) {
      rows.addAll(Otlp.decode(signal, OtlpEncoding.PROTOBUF, Bodies.read("claude/tool-" + signal.path() + ".pb")).rows());
    }

    table.append(rows);

    assertThat(table.snapshot().schema()).isEqualTo(signal.schema());
    assertThat(signal.schemaProblem(table.snapshot().schema())).isEmpty();
    assertThat(table.read()).containsExactlyInAnyOrderElementsOf(rows);
  }
}
