package dev.lakegate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.protocol.usage.UsageTap;
import dev.lakegate.protocol.usage.UsageTaps;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Our cost against Claude Code's own: the {@code api_request} events Claude Code 2.1.197 exported in the
 * reference captures (reference/agents/captures/claude/otel-decoded.json, copied to
 * {@code usage/claude-code-api-requests.json}) carry the token counts the upstream reported and the
 * {@code cost_usd} Claude Code computed from them. Read as the gateway reads that usage, priced with the
 * default table, every one must come out the same.
 */
class ClaudeCodeCostTest {

    @Test
    void theDefaultPricesGiveClaudeCodesCostForEveryCapturedRequest() throws Exception {
        JsonNode events;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("usage/claude-code-api-requests.json")) {
            events = new ObjectMapper().readTree(in);
        }
        assertThat(events.size()).isEqualTo(10);
        for (JsonNode e : events) {
            // Anthropic's usage object as the capture server sent it: cache tokens beside input_tokens
            String body = "{\"usage\":{\"input_tokens\":" + e.path("input_tokens").asLong() + ",\"cache_read_input_tokens\":"
                    + e.path("cache_read_tokens").asLong() + ",\"cache_creation_input_tokens\":" + e.path("cache_creation_tokens").asLong()
                    + ",\"output_tokens\":" + e.path("output_tokens").asLong() + "}}";
            Usage usage = tap(body);
            Pricing price = PriceTable.defaults().find(pricedAs(e.path("model").asText())).orElseThrow();
            double cost = price.cost(usage);
            String what = e.path("capture").asText() + " " + e.path("request_id").asText();
            assertThat(cost).as(what).isCloseTo(e.path("cost_usd").asDouble(), within(1e-9));
            assertThat(Math.round(cost * 1e6)).as(what + " in micro-dollars").isEqualTo(e.path("cost_usd_micros").asLong());
        }
    }

    /**
     * The model Claude Code priced each name as: a name it does not know ({@code gw-claude}) as its default model,
     * Opus ($5 / $25 per 1M tokens, reference/agents/clients.md §1.7); a vendor-prefixed one by its Claude model.
     */
    private static String pricedAs(String name) {
        return name.equals("gw-claude") ? "claude-opus-4-6" : name.replaceFirst("^databricks-", "");
    }

    private static Usage tap(String body) {
        UsageTap tap = UsageTaps.forResponse(WireProtocol.ANTHROPIC, Framing.JSON);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        tap.onBytes(bytes, 0, bytes.length);
        return tap.finish();
    }
}
