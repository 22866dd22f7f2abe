package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.server.testing.TestGateway;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What the queue behind the gateway's own tables loses, and only that. */
class TableRecorderTest {

    @Test
    void aRowThatDoesNotFitIsDroppedAloneAndAnItemOverTheBudgetIsRefused() throws Exception {
        try (TestGateway gw = TestGateway.start("", "", "", "lake: {commit_interval_ms: 100}")) {
            LakeClient sql = new LakeClient(gw);
            sql.admin("CREATE CATALOG main");
            sql.admin("CREATE SCHEMA main.s");
            sql.admin("CREATE TABLE main.s.t (id STRING, n INT)");
            Lake lake = gw.gateway().lake();
            String location = lake.catalog().getTable(TableName.parse("main.s.t")).orElseThrow().location();
            AtomicLong dropped = new AtomicLong();
            var target = new TableRecorder.Target<Row>("main.s.t", () -> lake.writers().writer(location), Function.identity(),
                    row -> ((String) row.get(0)).length());
            try (TableRecorder<Row> recorder = TableRecorder.start(target, new TableRecorder.Budget(8, 8), dropped::addAndGet,
                    Duration.ofSeconds(5))) {
                recorder.offer(Row.of("a", 1));
                recorder.offer(Row.of("b", "not an int"));
                recorder.offer(Row.of("c", 3));
                recorder.offer(Row.of("heavier-than-budget", 4));
            }
            lake.writers().writer(location).flush();
            assertThat(sql.admin("SELECT id, n FROM main.s.t ORDER BY id")).containsExactly(List.of("a", "1"), List.of("c", "3"));
            assertThat(dropped.get()).isEqualTo(2);
        }
    }
}
