package dev.lakegate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.observe.Agent;
import dev.lakegate.server.observe.GatewayMetrics;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.testing.TestGateway;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The recorder's own queue and writer: a burst beyond the queue is dropped and counted, never waited for; what
 * was queued is written by close; a table an admin dropped is recreated.
 */
class UsageRecorderQueueTest {

    @Test
    void aBurstBeyondTheQueueIsCountedAsDroppedAndTheRestIsWritten() throws Exception {
        try (TestGateway gw = TestGateway.start()) {
            GatewayMetrics metrics = new GatewayMetrics(Optional::of);
            int burst = 2_000;
            long start = System.nanoTime();
            try (UsageRecorder recorder = UsageRecorder.start(gw.gateway().lake(), metrics, 4, Duration.ofSeconds(10))) {
                for (int i = 0; i < burst; i++) {
                    recorder.requestEnd(record("burst-" + i, true));
                }
                recorder.requestEnd(record("untracked", false));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("handing over never waits for the disk").isLessThan(Duration.ofSeconds(2));
            }
            var table = gw.gateway().lake().catalog().getTable(TableName.parse(UsageTable.NAME)).orElseThrow();
            var writer = gw.gateway().lake().writers().writer(table.location());
            writer.flush();
            List<Object> ids = gw.gateway().lake().tables().open(table.location()).read().stream().map(r -> r.get(0)).toList();
            long written = ids.stream().filter(id -> ((String) id).startsWith("burst-")).count();
            double dropped = dropped(metrics.scrape());
            assertThat(dropped).as("rows dropped by a queue of 4").isPositive();
            assertThat(written + (long) dropped).isEqualTo(burst);
            assertThat(ids).doesNotContain("untracked");
        }
    }

    @Test
    void aDroppedUsageTableIsRecreatedByTheNextRows() throws Exception {
        try (TestGateway gw = TestGateway.start("", "", "", "lake: {commit_interval_ms: 200}")) {
            LakeClient lake = new LakeClient(gw);
            lake.admin("DROP TABLE system.ai_gateway.usage");
            String body = "{\"model\":\"e2e-gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            var response = gw.post("/openai/v1/chat/completions", body.getBytes(StandardCharsets.UTF_8), gw.adminToken(), "application/json");
            assertThat(response.statusCode()).isEqualTo(200);
            String id = response.headers().firstValue("x-request-id").orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (lake.statement(gw.adminToken(), "SELECT request_id FROM system.ai_gateway.usage").path("result").path("data_array").toString()
                    .indexOf(id) < 0) {
                assertThat(System.nanoTime()).as("the row of " + id + " in a recreated table within 10 s").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static double dropped(String scrape) {
        Matcher m = Pattern.compile("(?m)^lakegate_table_rows_dropped_total\\{table=\"system.ai_gateway.usage\"} (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static RequestRecord record(String id, boolean tracked) {
        return new RequestRecord(id, Instant.now(), "e", "p", "m", "anthropic/v1/messages", "alice", "USER", "tok_1",
                new Agent("claude-code", "2.1.197", null), "claude-cli/2.1.197", "127.0.0.1", Map.of(), true, 200, null,
                new Usage(10, 2, 0, 0, 0, false), 0.0001, 5, 1L, 0, false, List.of(), tracked, null);
    }
}
