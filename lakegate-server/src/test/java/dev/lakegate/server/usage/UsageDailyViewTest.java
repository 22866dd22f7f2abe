package dev.lakegate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.testing.TestGateway;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code system.ai_gateway.usage_daily} against the usage rows the gateway wrote for real requests: the same
 * numbers summed here from the rows, some also by hand; each user sees their own rows, admins everyone's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageDailyViewTest {
    static final String KEY = "event_date, requester, tool, endpoint_name, destination_model";
    static final String MEASURES = "requests, errors, input_tokens, output_tokens, total_tokens, cache_read_input_tokens, "
            + "cache_creation_input_tokens, output_reasoning_tokens, cost_usd, unpriced_requests";
    TestGateway gateway;
    LakeClient lake;
    String alice;
    String bob;

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start("", "  - {name: unpriced, destinations: [{provider: scripted, model: my-own-model}]}\n", "",
                "lake: {commit_interval_ms: 200}");
        lake = new LakeClient(gateway);
        alice = lake.user("alice");
        bob = lake.user("bob");
        // alice: two Claude Code requests on claude-sonnet-4-5 with cache reads and writes, and one refused (unknown endpoint)
        for (int i = 0; i < 2; i++) {
            gateway.scripted().enqueue(Script.text("hi").withUsage(new Usage(10_000, 500, 6_000, 2_000, 0, false)));
            send(alice, "/anthropic/v1/messages", "claude-cli/2.1.197 (external, sdk-cli)",
                    "{\"model\":\"e2e-claude\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 200);
        }
        send(alice, "/anthropic/v1/messages", "claude-cli/2.1.197 (external, sdk-cli)",
                "{\"model\":\"no-such-endpoint\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 404);
        // bob: one Codex request with reasoning on gpt-5, one on a model without a price
        gateway.scripted().enqueue(Script.text("hi").withUsage(new Usage(3_000, 1_200, 1_000, 0, 800, false)));
        send(bob, "/openai/v1/responses", "codex_exec/0.171.0 (Debian 12.0.0; x86_64) xterm (codex_exec; 0.171.0)", """
                {"model":"e2e-gpt","stream":true,"input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}]}""", 200);
        gateway.scripted().enqueue(Script.text("hi").withUsage(new Usage(100, 10, 0, 0, 0, false)));
        send(bob, "/openai/v1/chat/completions", "OpenAI/JS 4.104.0", """
                {"model":"unpriced","messages":[{"role":"user","content":"hi"}]}""", 200);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!lake.admin("SELECT count(*) FROM system.ai_gateway.usage").equals(List.of(List.of("5")))) {
            assertThat(System.nanoTime()).as("five usage rows within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    private void send(String token, String path, String userAgent, String json, int status) throws Exception {
        var response = gateway.send(gateway.request(path, token, "application/json").header("user-agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    @Test
    void theDailyNumbersAreTheSumsOfTheRows() throws Exception {
        List<List<String>> rows = lake.admin("SELECT " + KEY + ", CASE WHEN error_type IS NULL THEN 0 ELSE 1 END, input_tokens, "
                + "output_tokens, total_tokens, token_details.cache_read_input_tokens, token_details.cache_creation_input_tokens, "
                + "token_details.output_reasoning_tokens, cost_usd, CASE WHEN cost_usd IS NULL AND destination_provider IS NOT NULL "
                + "THEN 1 ELSE 0 END FROM system.ai_gateway.usage");
        Map<List<String>, BigDecimal[]> sums = new HashMap<>();
        for (List<String> r : rows) {
            BigDecimal[] s = sums.computeIfAbsent(r.subList(0, 5), k -> zeros());
            s[0] = s[0].add(BigDecimal.ONE);
            for (int i = 5; i < r.size(); i++) {
                s[i - 4] = s[i - 4].add(r.get(i) == null ? BigDecimal.ZERO : new BigDecimal(r.get(i)));
            }
        }
        List<List<String>> view = lake.admin("SELECT " + KEY + ", " + MEASURES + " FROM system.ai_gateway.usage_daily");
        assertThat(view).hasSize(4);
        for (List<String> v : view) {
            BigDecimal[] expected = sums.get(v.subList(0, 5));
            assertThat(expected).as("a group of the rows for %s", v).isNotNull();
            for (int i = 0; i < expected.length; i++) {
                assertThat(new BigDecimal(v.get(5 + i))).as("%s of %s", MEASURES.split(", ")[i], v).isEqualByComparingTo(expected[i]);
            }
        }

        // by hand: alice's Claude Code requests at $3 input, $0.30 cache reads, $3.75 cache writes, $15 output per 1M tokens
        double claude = (2_000 * 3.0 + 6_000 * 0.30 + 2_000 * 3.75 + 500 * 15.0) / 1e6;
        assertThat(lake.admin("SELECT requests, errors, input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens, "
                + "round(cost_usd, 9) FROM system.ai_gateway.usage_daily WHERE requester = 'alice' AND tool = 'claude-code' AND errors = 0"))
                .containsExactly(List.of("2", "0", "20000", "1000", "12000", "4000", String.valueOf(2 * claude)));
        assertThat(lake.admin("SELECT requests, errors, cost_usd FROM system.ai_gateway.usage_daily WHERE endpoint_name = 'no-such-endpoint'"))
                .containsExactly(List.of("1", "1", "0.0"));
        assertThat(lake.admin("SELECT output_reasoning_tokens, unpriced_requests FROM system.ai_gateway.usage_daily "
                + "WHERE requester = 'bob' ORDER BY destination_model")).containsExactly(List.of("800", "0"), List.of("0", "1"));
    }

    @Test
    void usersSeeTheirOwnDaysAdminsEveryones() throws Exception {
        assertThat(lake.ok(alice, "SELECT requester, sum(requests) FROM system.ai_gateway.usage_daily GROUP BY ALL"))
                .containsExactly(List.of("alice", "3"));
        assertThat(lake.ok(bob, "SELECT requester, sum(requests) FROM system.ai_gateway.usage_daily GROUP BY ALL"))
                .containsExactly(List.of("bob", "2"));
        assertThat(lake.admin("SELECT requester, sum(requests) FROM system.ai_gateway.usage_daily GROUP BY ALL ORDER BY 1"))
                .containsExactly(List.of("alice", "3"), List.of("bob", "2"));
    }

    @Test
    void itsColumnsAreDescribed() throws Exception {
        List<List<String>> columns = lake.ok(bob, "DESCRIBE TABLE system.ai_gateway.usage_daily");
        assertThat(columns).extracting(c -> c.get(0) + " " + c.get(1)).containsExactly("event_date date", "requester string",
                "tool string", "endpoint_name string", "destination_model string", "requests bigint", "errors bigint",
                "input_tokens bigint", "output_tokens bigint", "total_tokens bigint", "cache_read_input_tokens bigint",
                "cache_creation_input_tokens bigint", "output_reasoning_tokens bigint", "cost_usd double", "unpriced_requests bigint");
    }

    @Test
    void theColumnsDeclaredInCodeAreThoseDuckDbBindsForTheSameQuery() throws Exception {
        // The gateway declares the view's columns so that starting it runs no query; a user's view over the same
        // query has its columns bound by DuckDB: the two must describe alike.
        lake.admin("CREATE CATALOG IF NOT EXISTS columns_check");
        lake.admin("CREATE SCHEMA IF NOT EXISTS columns_check.views");
        String select = UsageTable.DAILY.substring(UsageTable.DAILY.indexOf("AS SELECT") + "AS ".length());
        lake.admin("CREATE OR REPLACE VIEW columns_check.views.daily AS " + select);
        assertThat(lake.admin("DESCRIBE TABLE system.ai_gateway.usage_daily"))
                .isEqualTo(lake.admin("DESCRIBE TABLE columns_check.views.daily"));
    }

    private static BigDecimal[] zeros() {
        BigDecimal[] z = new BigDecimal[10];
        Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }
}
