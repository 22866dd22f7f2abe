package dev.lakegate.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Attribution tags from {@code X-Lakegate-Request-Tags} (or Databricks' header name): a flat JSON object. */
final class RequestTags {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 8 * 1024;

    private RequestTags() {}

    static Map<String, String> parse(Map<String, String> headers) {
        String raw = headers.getOrDefault("x-lakegate-request-tags", headers.get("databricks-ai-gateway-request-tags"));
        if (raw == null || raw.isBlank()) {
            return Map.of();
        }
        if (raw.length() > MAX_BYTES) {
            throw invalid("is longer than " + MAX_BYTES + " characters");
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw invalid("is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw invalid("must be a JSON object such as {\"team\":\"payments\"}");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isContainerNode()) {
                throw invalid("value of '" + e.getKey() + "' must be a string, number or boolean");
            }
            tags.put(e.getKey(), v.isNull() ? null : v.asText());
        }
        return tags;
    }

    private static GatewayException invalid(String problem) {
        return new GatewayException(ErrorCategory.INVALID_REQUEST, "Header X-Lakegate-Request-Tags " + problem);
    }
}
