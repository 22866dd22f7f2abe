package dev.lakegate.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Gemini's {@code parameters} / {@code responseSchema} use an OpenAPI subset whose types are spelled
 * {@code OBJECT}, {@code STRING}, …; JSON Schema (everyone else, and Gemini's {@code *JsonSchema}
 * fields) spells them in lower case. The rest of the subset is valid JSON Schema as it is.
 */
final class GeminiSchemas {
    private GeminiSchemas() {}

    /** A JSON Schema copy of an OpenAPI-subset schema: {@code type} values lower-cased, recursively. */
    static JsonNode toJsonSchema(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        lower(copy);
        return copy;
    }

    private static void lower(JsonNode node) {
        if (node instanceof ObjectNode o) {
            JsonNode type = o.get("type");
            if (type != null && type.isTextual()) {
                o.put("type", type.textValue().toLowerCase(Locale.ROOT));
            }
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                lower(e.getValue());
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(GeminiSchemas::lower);
        }
    }
}
