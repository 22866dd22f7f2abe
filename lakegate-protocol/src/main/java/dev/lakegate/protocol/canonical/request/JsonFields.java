package dev.lakegate.protocol.canonical.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Typed reads from a request's JSON tree for the request codecs. Absent and {@code null} fields read
 * as null; a present field of the wrong type is an INVALID_REQUEST error naming its path, e.g.
 * "Cannot parse messages[2].content[0].text: expected a string, got a number".
 */
public final class JsonFields {
    // Deep enough for real tool schemas, shallow enough to refuse pathological nesting; strings may
    // carry large base64 images.
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).maxStringLength(200_000_000).build())
            .build());

    private JsonFields() {}

    public static ObjectNode parseBody(byte[] body) {
        if (body == null || body.length == 0) {
            throw invalid("Request body is empty; send a JSON object", null);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("Cannot parse request body: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw invalid("Cannot parse request body: " + e.getMessage(), null);
        }
        if (!(root instanceof ObjectNode o)) {
            throw invalid("Request body must be a JSON object", null);
        }
        return o;
    }

    /** "Cannot parse {path}: {problem}", with {@code path} as the OpenAI-style {@code param}. */
    public static GatewayException error(String path, String problem) {
        return invalid("Cannot parse " + path + ": " + problem, path);
    }

    public static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public static String at(String path, int index) {
        return path + "[" + index + "]";
    }

    public static ObjectNode object(JsonNode parent, String field, String path) {
        JsonNode v = value(parent, field);
        if (v == null || v instanceof ObjectNode) {
            return (ObjectNode) v;
        }
        throw error(at(path, field), "expected an object, got " + kind(v));
    }

    public static ArrayNode array(JsonNode parent, String field, String path) {
        JsonNode v = value(parent, field);
        if (v == null || v instanceof ArrayNode) {
            return (ArrayNode) v;
        }
        throw error(at(path, field), "expected an array, got " + kind(v));
    }

    /** The element as an object; {@code path} names the element itself. */
    public static ObjectNode element(JsonNode node, String path) {
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw error(path, "expected an object, got " + kind(node));
    }

    public static String string(JsonNode parent, String field, String path) {
        JsonNode v = value(parent, field);
        if (v == null || v.isTextual()) {
            return v == null ? null : v.textValue();
        }
        throw error(at(path, field), "expected a string, got " + kind(v));
    }

    public static String requireString(JsonNode parent, String field, String path) {
        String s = string(parent, field, path);
        if (s == null) {
            throw error(at(path, field), "missing; it is required");
        }
        return s;
    }

    public static Integer integer(JsonNode parent, String field, String path) {
        JsonNode v = value(parent, field);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt() || v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) <= Integer.MAX_VALUE) { // 1e10 or 1e400 must not turn into 2147483647
            return v.intValue();
        }
        throw error(at(path, field), "expected an integer, got " + kind(v));
    }

    public static Double number(JsonNode parent, String field, String path) {
        JsonNode v = value(parent, field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw error(at(path, field), "expected a number, got " + kind(v));
        }
        if (!Double.isFinite(v.doubleValue())) { // 1e400 reads as Infinity, which no vendor takes back
            throw error(at(path, field), "the number is too large; send a value within the vendor's range");
        }
        return v.doubleValue();
    }

    public static Boolean bool(JsonNode parent, String field, String path) {
        JsonNode v = value(parent, field);
        if (v == null || v.isBoolean()) {
            return v == null ? null : v.booleanValue();
        }
        throw error(at(path, field), "expected true or false, got " + kind(v));
    }

    /** The keys of {@code node} that are not in {@code known}: what a codec keeps verbatim in extras. */
    public static ObjectNode leftovers(ObjectNode node, Set<String> known) {
        ObjectNode rest = Json.object();
        if (node != null) {
            node.properties().forEach(e -> {
                if (!known.contains(e.getKey())) {
                    rest.set(e.getKey(), e.getValue());
                }
            });
        }
        return rest;
    }

    /** Parses a JSON document held in a string field (OpenAI's tool call arguments). */
    public static JsonNode parseJson(String json, String path) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw error(path, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode value(JsonNode parent, String field) {
        JsonNode v = parent == null ? null : parent.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static GatewayException invalid(String message, String param) {
        GatewayError error = GatewayError.of(ErrorCategory.INVALID_REQUEST, message);
        return new GatewayException(param == null ? error : error.withParam(param));
    }
}
