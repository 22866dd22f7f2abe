package dev.lakegate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.protocol.usage.UsageTap;
import dev.lakegate.protocol.usage.UsageTaps;
import dev.lakegate.server.config.GatewayConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prices per destination and by model, and the cost formula (SPEC §2, §4). */
class PricingTest {
    private static final Pricing SONNET = new Pricing(3.0, 15.0, 0.30, 3.75, 6.0);

    @Test
    void eachPromptTokenIsPricedOnceAsUncachedInputCacheReadOrCacheWrite() {
        // 1,000 uncached + 20,000 cache reads + 3,000 5-minute writes + 1,000 1-hour writes; 300 output, 100 of them reasoning
        Usage usage = new Usage(25_000, 300, 20_000, 4_000, 1_000, 100, false);
        assertThat(SONNET.cost(usage)).isCloseTo((1_000 * 3 + 20_000 * 0.30 + 3_000 * 3.75 + 1_000 * 6.0 + 300 * 15) / 1e6, within(1e-15));
        assertThat(SONNET.cost(Usage.NONE)).isZero();
    }

    /**
     * The same request as Anthropic reports it (cache reads and writes beside input_tokens) and as OpenAI does (cached
     * tokens inside input_tokens): one cost. Adding the cache counts to OpenAI's input, or pricing Anthropic's input_tokens
     * alone, is how gateways end up several times off.
     */
    @Test
    void cachedTokensAreNeverCountedTwiceWhicheverWayTheUpstreamReportsThem() {
        Usage anthropic = tap(WireProtocol.ANTHROPIC,
                "{\"usage\":{\"input_tokens\":1000,\"cache_read_input_tokens\":80000,\"cache_creation_input_tokens\":0,\"output_tokens\":500}}");
        Usage openai = tap(WireProtocol.OPENAI_RESPONSES,
                "{\"usage\":{\"input_tokens\":81000,\"input_tokens_details\":{\"cached_tokens\":80000},\"output_tokens\":500}}");
        Usage gemini = tap(WireProtocol.GEMINI,
                "{\"usageMetadata\":{\"promptTokenCount\":81000,\"cachedContentTokenCount\":80000,\"candidatesTokenCount\":500}}");
        assertThat(anthropic).isEqualTo(openai).isEqualTo(gemini);
        double expected = (1_000 * 3 + 80_000 * 0.30 + 500 * 15) / 1e6;
        assertThat(SONNET.cost(anthropic)).isCloseTo(expected, within(1e-15));
        assertThat(SONNET.cost(openai)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void cachePricesLeftOutCostAsMuchAsInput() {
        Pricing plain = new Pricing(2.0, 8.0, null, null, null);
        assertThat(plain).isEqualTo(new Pricing(2.0, 8.0, 2.0, 2.0, 2.0));
        assertThat(new Pricing(2.0, 8.0, 0.5, 2.5, null).cacheWrite1h()).as("1-hour writes default to the 5-minute price").isEqualTo(2.5);
        assertThatThrownBy(() -> new Pricing(2.0, null, null, null, null)).hasMessageContaining("needs at least input and output");
        assertThatThrownBy(() -> new Pricing(-1.0, 1.0, null, null, null)).hasMessageContaining("not negative");
    }

    @Test
    void destinationsTakePricingFromConfiguration() {
        GatewayConfig config = GatewayConfig.parse("""
                providers: [{name: p, type: openai-compatible, base_url: "http://127.0.0.1:1/v1"}]
                endpoints:
                  - name: e
                    usage_tracking: false
                    destinations:
                      - {provider: p, model: qwen3-coder, pricing: {input: 0.5, output: 1.5, cache_read: 0.05, cache_write_5m: 0.6, cache_write_1h: 1.0}}
                """, "test");
        assertThat(config.endpoints().getFirst().usageTracking()).isFalse();
        assertThat(config.endpoints().getFirst().destinations().getFirst().pricing()).isEqualTo(new Pricing(0.5, 1.5, 0.05, 0.6, 1.0));
        assertThatThrownBy(() -> GatewayConfig.parse("""
                providers: [{name: p, type: openai-compatible, base_url: "http://127.0.0.1:1/v1"}]
                endpoints: [{name: e, destinations: [{provider: p, model: m, pricing: {input: 1, output: 2, cache_write: 3}}]}]
                """, "test")).hasMessageContaining("cache_write");
        assertThatThrownBy(() -> GatewayConfig.parse("""
                providers: [{name: p, type: openai-compatible, base_url: "http://127.0.0.1:1/v1"}]
                endpoints: [{name: e, destinations: [{provider: p, model: m, pricing: {input: 1}}]}]
                """, "test")).hasMessageContaining("needs at least input and output");
    }

    @Test
    void defaultPricesMatchExactNamesThenTheLongestPrefix() {
        PriceTable table = PriceTable.defaults();
        assertThat(table.find("claude-sonnet-4-5-20250929")).contains(new Pricing(3.0, 15.0, 0.30, 3.75, 6.0));
        assertThat(table.find("claude-opus-4-5-20251101")).contains(new Pricing(5.0, 25.0, 0.50, 6.25, 10.0));
        assertThat(table.find("claude-opus-4-20250514")).contains(new Pricing(15.0, 75.0, 1.50, 18.75, 30.0));
        assertThat(table.find("claude-opus-4")).contains(new Pricing(15.0, 75.0, 1.50, 18.75, 30.0));
        assertThat(table.find("claude-haiku-4-5-20251001").orElseThrow().input()).isEqualTo(1.0);
        assertThat(table.find("claude-3-5-haiku-20241022").orElseThrow().input()).isEqualTo(0.8);
        assertThat(table.find("gpt-5").orElseThrow().cacheRead()).isEqualTo(0.125);
        assertThat(table.find("gpt-5-mini-2025-08-07").orElseThrow().input()).isEqualTo(0.25);
        assertThat(table.find("gpt-5-nano").orElseThrow().output()).isEqualTo(0.40);
        assertThat(table.find("gpt-4.1-mini").orElseThrow().input()).isEqualTo(0.40);
        assertThat(table.find("o4-mini-2025-04-16").orElseThrow().cacheRead()).isEqualTo(0.275);
        assertThat(table.find("gemini-2.5-flash-lite-preview-09-2025").orElseThrow().input()).isEqualTo(0.10);
        assertThat(table.find("gemini-2.5-flash").orElseThrow().input()).isEqualTo(0.30);
        assertThat(table.find("gemini-2.5-pro").orElseThrow().output()).isEqualTo(10.0);
        // an unknown model, or a newer version than the table knows, has no price rather than a wrong one
        for (String unknown : List.of("qwen3-coder", "claude-opus-4-9", "gpt-5.9", "o3-deep-research-x", "gw-claude")) {
            assertThat(table.find(unknown)).as(unknown).isEmpty();
        }
    }

    @Test
    void theTableFileIsCheckedRowByRow() {
        String header = "model,input,output,cache_read,cache_write_5m,cache_write_1h";
        assertThatThrownBy(() -> PriceTable.parse(List.of("# prices", "model,input,output")))
                .hasMessage("prices.csv line 2: expected the header " + header);
        assertThatThrownBy(() -> PriceTable.parse(List.of(header, "a,1,2,3,4,5", "a,1,2,3,4,5"))).hasMessage("prices.csv line 3: a is listed twice");
        assertThatThrownBy(() -> PriceTable.parse(List.of(header, "a*,1,2,x,4,5"))).hasMessageStartingWith("prices.csv line 2: ");
        assertThat(PriceTable.parse(List.of(header, "a*,1,2,3,4,5", "ab*,6,7,8,9,10")).find("abc")).contains(new Pricing(6.0, 7.0, 8.0, 9.0, 10.0));
    }

    private static Usage tap(WireProtocol protocol, String body) {
        UsageTap tap = UsageTaps.forResponse(protocol, Framing.JSON);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        tap.onBytes(bytes, 0, bytes.length);
        return tap.finish();
    }
}
