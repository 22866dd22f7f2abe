package dev.lakegate.server.provider;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.server.config.ProviderType;
import dev.lakegate.server.surface.Operation;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A configured upstream provider at run time: where it lives, which protocols it speaks, and how
 * to address and authenticate a call to it.
 *
 * @param streamIdleTimeout longest silence of the upstream within an answer's body
 * @param anthropicBetas the {@code anthropic-beta} values it accepts, or null to pass all through
 */
public record Provider(String name, ProviderType type, Set<WireProtocol> protocols, String baseUrl, Secret credential,
        Map<String, String> headers, Duration connectTimeout, Duration firstByteTimeout, Duration streamIdleTimeout, Set<String> anthropicBetas) {

    public boolean speaks(WireProtocol protocol) {
        return protocols.contains(protocol);
    }

    /**
     * The upstream URL of an operation in a protocol this provider speaks.
     *
     * @param clientQuery the client's query string to keep (credentials already removed), or null
     */
    public URI uri(Operation op, WireProtocol protocol, String model, String geminiVersion, Framing framing, String clientQuery) {
        String path = switch (protocol) {
            case ANTHROPIC -> op == Operation.MESSAGES_COUNT_TOKENS ? "/v1/messages/count_tokens" : "/v1/messages";
            case OPENAI_CHAT -> openAiRoot() + "/chat/completions";
            case OPENAI_RESPONSES -> openAiRoot() + "/responses";
            case GEMINI -> "/" + (geminiVersion == null ? "v1beta" : geminiVersion) + "/models/"
                    + URLEncoder.encode(model, StandardCharsets.UTF_8) + ":" + op.apiPath();
        };
        String query = protocol == WireProtocol.GEMINI ? (framing == Framing.SSE ? "alt=sse" : null) : clientQuery;
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(base + path + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    /** The headers that carry this provider's credential in the given protocol's convention. */
    public Map<String, String> authHeaders(WireProtocol protocol) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (credential != null) {
            switch (protocol) {
                case ANTHROPIC -> h.put("x-api-key", credential.reveal());
                case OPENAI_CHAT, OPENAI_RESPONSES -> h.put("authorization", "Bearer " + credential.reveal());
                case GEMINI -> h.put("x-goog-api-key", credential.reveal());
            }
        }
        return h;
    }

    /** OpenAI's base URL conventionally ends in {@code /v1}; the scripted model serves at its root. */
    private String openAiRoot() {
        return type == ProviderType.SCRIPTED ? "/v1" : "";
    }
}
