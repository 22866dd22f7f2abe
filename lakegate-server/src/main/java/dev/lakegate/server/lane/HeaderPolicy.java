package dev.lakegate.server.lane;

import java.net.http.HttpHeaders;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which headers cross the gateway. Towards the upstream: everything the agent sent except
 * hop-by-hop headers, its credentials, and Lakegate's own headers. Towards the agent: an allow-list
 * (content type, retry and rate-limit hints, the vendor's request id), so nothing else leaks.
 */
final class HeaderPolicy {
    private static final Set<String> NOT_FORWARDED = Set.of(
            // hop-by-hop (RFC 9110 §7.6.1) and framing, which the upstream connection sets itself
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "host", "content-length", "expect", "http2-settings",
            // the agent's credentials: the provider's own key is injected instead
            "authorization", "x-api-key", "x-goog-api-key", "cookie",
            // identity so that the usage tap can read the body as it passes
            "accept-encoding",
            // consumed by Lakegate
            "x-lakegate-request-tags", "databricks-ai-gateway-request-tags", "x-databricks-use-coding-agent-mode");

    private HeaderPolicy() {}

    /**
     * @param allowedBetas when not null, the only {@code anthropic-beta} values the upstream accepts;
     *     the others are removed from the header (and the header when none is left)
     */
    static Map<String, String> upstreamRequest(Map<String, String> clientHeaders, Map<String, String> injected, Set<String> allowedBetas) {
        Set<String> connectionTokens = connectionTokens(clientHeaders.get("connection"));
        Map<String, String> out = new LinkedHashMap<>();
        clientHeaders.forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name) && !connectionTokens.contains(name) && !name.startsWith(":") && !name.startsWith("x-lakegate-")) {
                out.put(name, value);
            }
        });
        out.put("accept-encoding", "identity");
        out.putAll(injected);
        String betas = out.get("anthropic-beta");
        if (betas != null && allowedBetas != null) {
            String kept = Arrays.stream(betas.split(",")).map(String::trim).filter(allowedBetas::contains).collect(Collectors.joining(","));
            if (kept.isEmpty()) {
                out.remove("anthropic-beta");
            } else {
                out.put("anthropic-beta", kept);
            }
        }
        return out;
    }

    static Map<String, String> clientResponse(HttpHeaders upstream) {
        Map<String, String> out = new LinkedHashMap<>();
        upstream.map().forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!values.isEmpty() && forwardedToClient(n)) {
                out.put(n, values.getLast());
            }
        });
        return out;
    }

    private static boolean forwardedToClient(String name) {
        return name.equals("content-type") || name.equals("retry-after") || name.equals("request-id")
                || name.startsWith("x-ratelimit-") || name.startsWith("anthropic-ratelimit-") || name.equals("openai-processing-ms");
    }

    private static Set<String> connectionTokens(String connection) {
        if (connection == null) {
            return Set.of();
        }
        return Set.copyOf(List.of(connection.toLowerCase(Locale.ROOT).split("\\s*,\\s*")));
    }
}
