package dev.lakegate.server.lane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeaderPolicyTest {

    @Test
    void upstreamGetsAgentHeadersButNeverItsCredentialsOrHopByHopHeaders() {
        Map<String, String> client = new LinkedHashMap<>();
        client.put("authorization", "Bearer lg_client_secret");
        client.put("x-api-key", "lg_client_secret");
        client.put("x-goog-api-key", "lg_client_secret");
        client.put("connection", "keep-alive, x-custom-hop");
        client.put("x-custom-hop", "1");
        client.put("host", "gateway");
        client.put("content-length", "10");
        client.put("accept-encoding", "gzip, br");
        client.put("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");
        client.put("anthropic-version", "2023-06-01");
        client.put("x-lakegate-request-tags", "{}");
        client.put("x-databricks-use-coding-agent-mode", "true");
        client.put("user-agent", "claude-cli/2.1.197 (external, sdk-cli)");
        Map<String, String> out = HeaderPolicy.upstreamRequest(client, Map.of("x-api-key", "sk-provider"), null);
        assertThat(out).containsEntry("x-api-key", "sk-provider")
                .containsEntry("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14")
                .containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("user-agent", "claude-cli/2.1.197 (external, sdk-cli)")
                .containsEntry("accept-encoding", "identity")
                .doesNotContainKeys("authorization", "x-goog-api-key", "connection", "x-custom-hop", "host", "content-length",
                        "x-lakegate-request-tags", "x-databricks-use-coding-agent-mode");
        assertThat(out.values()).noneMatch(v -> v.contains("lg_client_secret"));
    }

    @Test
    void anthropicBetasAreFilteredByTheProvidersAllowList() {
        Map<String, String> client = Map.of("anthropic-beta", "claude-code-20250219, interleaved-thinking-2025-05-14,mid-conversation-system-2026-04-07");
        assertThat(HeaderPolicy.upstreamRequest(client, Map.of(), Set.of("interleaved-thinking-2025-05-14", "claude-code-20250219")))
                .containsEntry("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");
        assertThat(HeaderPolicy.upstreamRequest(client, Map.of(), Set.of())).doesNotContainKey("anthropic-beta");
        assertThat(HeaderPolicy.upstreamRequest(client, Map.of(), null)).containsEntry("anthropic-beta", client.get("anthropic-beta"));
    }

    @Test
    void clientGetsOnlyAllowListedUpstreamHeaders() {
        HttpHeaders upstream = HttpHeaders.of(Map.of(
                "Content-Type", List.of("text/event-stream"),
                "retry-after", List.of("2"),
                "anthropic-ratelimit-requests-remaining", List.of("9"),
                "set-cookie", List.of("session=1"),
                "transfer-encoding", List.of("chunked"),
                "request-id", List.of("req_vendor")), (a, b) -> true);
        assertThat(HeaderPolicy.clientResponse(upstream)).containsOnlyKeys("content-type", "retry-after",
                "anthropic-ratelimit-requests-remaining", "request-id");
    }
}
