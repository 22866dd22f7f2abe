package dev.lakegate.lake.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.delta.TestSchemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 100k nested rows in one append, then a GROUP BY over them; timings are printed, not asserted. */
class BulkQueryTest {
  @TempDir Path dir;

  @Test
  void hundredThousandRowsAppendAndGroupBy() {
    DeltaTable t = new DeltaTables().create(dir.toString(), TestSchemas.OTEL_METRICS, Map.of());
    List<Row> rows = new ArrayList<>(100_000);
    for (int i = 0; i < 100_000; i++) {
      rows.add(TestSchemas.sumPoint("metric-" + (i % 7), i % 100, "user-" + (i % 13)));
    }
    long start = System.nanoTime();
    t.append(rows, "bulk", 1);
    long appended = System.nanoTime();
    QueryResult r = new SqlEngine().query("""
        SELECT name, sum.attributes['user.id'] AS user, count(*) AS n, sum(sum.value) AS total
        FROM lake.otel.metrics GROUP BY ALL ORDER BY name, user""", name -> t.snapshot());
    long queried = System.nanoTime();
    System.out.printf("100k-row append: %d ms (%d files); snapshot + GROUP BY: %d ms%n",
        (appended - start) / 1_000_000, t.snapshot().files().size(), (queried - appended) / 1_000_000);

    assertThat(r.rows()).hasSize(7 * 13);
    assertThat(r.rows().stream().mapToLong(row -> (Long) row.get(2)).sum()).isEqualTo(100_000);
  }
}
