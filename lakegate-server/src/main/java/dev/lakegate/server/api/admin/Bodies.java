package dev.lakegate.server.api.admin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.server.governance.GovernanceErrors;
import java.io.IOException;
import java.util.Optional;

/** Reads admin request bodies (small, rare: a JSON tree is fine here) with errors that name the field. */
final class Bodies {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Bodies() {}

    /** The body as a JSON object; an empty body is {@code {}}. */
    static ObjectNode object(byte[] body) {
        if (body == null || body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw GovernanceErrors.invalid("request body is not valid JSON (" + e.getOriginalMessage()
                    + "): send a JSON object such as {\"comment\": \"laptop\"}");
        } catch (IOException e) {
            throw GovernanceErrors.invalid("request body could not be read: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw GovernanceErrors.invalid("request body must be a JSON object, not " + node.getNodeType().name().toLowerCase()
                    + ": wrap the fields in {…}");
        }
        return (ObjectNode) node;
    }

    /** An optional string field; null and absent are the same. */
    static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw GovernanceErrors.invalid("\"" + field + "\" must be a string, got " + value);
        }
        return Optional.of(value.asText());
    }

    /** An optional boolean field; SCIM clients (Azure AD) also send "true"/"false" strings. */
    static Optional<Boolean> bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(asBool(value, field));
    }

    static boolean asBool(JsonNode value, String field) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.asText());
        }
        throw GovernanceErrors.invalid("\"" + field + "\" must be true or false, got " + value);
    }

    /** An optional integer field. */
    static Optional<Long> integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.canConvertToExactIntegral() && value.canConvertToLong()) {
            return Optional.of(value.longValue());
        }
        if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
            return Optional.of(Long.parseLong(value.asText())); // Databricks clients send int64 as strings too
        }
        throw GovernanceErrors.invalid("\"" + field + "\" must be a whole number, got " + value);
    }

    static String required(JsonNode body, String field, String example) {
        return text(body, field).filter(s -> !s.isBlank()).orElseThrow(() -> GovernanceErrors.invalid(
                "\"" + field + "\" is required: send it in the JSON body, e.g. {\"" + field + "\": \"" + example + "\"}"));
    }
}
