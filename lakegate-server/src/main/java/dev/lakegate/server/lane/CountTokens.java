package dev.lakegate.server.lane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.RequestCodec;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.provider.UpstreamResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Token counting across protocols (SPEC §1 count_tokens / countTokens): the upstream's own counter
 * when its protocol has one (Anthropic, Gemini), otherwise an estimate of the whole request —
 * system prompt, tools and messages — as (characters + 1) / 4, marked as estimated.
 */
final class CountTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The members Anthropic's count_tokens accepts; sampling and output settings are refused there. */
    private static final Set<String> ANTHROPIC_COUNT_FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice", "thinking", "mcp_servers");

    /** Marks a count the gateway estimated, on the local answer and on the answer to the agent. */
    static final String ESTIMATE_HEADER = "x-lakegate-tokens-estimated";

    /** A count, and whether it was estimated rather than counted by the upstream. */
    record Count(long tokens, boolean estimated) {}

    private CountTokens() {}

    static boolean upstreamCounts(WireProtocol target) {
        return target == WireProtocol.ANTHROPIC || target == WireProtocol.GEMINI;
    }

    /** The upstream count request body for a target with a counter. */
    static byte[] upstreamBody(WireProtocol target, CanonicalRequest request, String model) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(RequestCodec.of(target).encode(request.withStream(false), model));
            if (target == WireProtocol.ANTHROPIC) {
                body.retain(ANTHROPIC_COUNT_FIELDS);
                return JSON.writeValueAsBytes(body);
            }
            ObjectNode wrapped = JSON.createObjectNode();
            body.put("model", "models/" + model);
            wrapped.set("generateContentRequest", body);
            return JSON.writeValueAsBytes(wrapped);
        } catch (IOException e) {
            throw new IllegalStateException("codec wrote invalid JSON", e);
        }
    }

    /** Reads the upstream's count answer, or the gateway's own estimate (a local answer). */
    static Count read(WireProtocol target, UpstreamResponse response, byte[] body) {
        if (response.headers().firstValue(ESTIMATE_HEADER).isPresent()) {
            return new Count(Long.parseLong(new String(body, StandardCharsets.US_ASCII)), true);
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode count = target == WireProtocol.ANTHROPIC ? node.path("input_tokens") : node.path("totalTokens");
            if (!count.canConvertToLong()) {
                throw new GatewayException(ErrorCategory.UPSTREAM_ERROR, "Upstream token count answer has no count");
            }
            return new Count(count.asLong(), false);
        } catch (IOException e) {
            throw new GatewayException(ErrorCategory.UPSTREAM_ERROR, "Upstream token count answer is not JSON");
        }
    }

    /** An estimate over everything the agent's request sends. */
    static Count estimate(byte[] clientBody) {
        return new Count(Usage.estimateTokens(TokenEstimate.requestCharacters(clientBody)), true);
    }

    /** The count in the client protocol's answer shape. */
    static byte[] render(WireProtocol client, Count count) {
        ObjectNode answer = JSON.createObjectNode();
        switch (client) {
            case ANTHROPIC -> answer.put("input_tokens", count.tokens());
            case GEMINI -> answer.put("totalTokens", count.tokens());
            case OPENAI_CHAT, OPENAI_RESPONSES -> answer.put("input_tokens", count.tokens()).put("object", "response.input_tokens");
        }
        try {
            return JSON.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
