package dev.lakegate.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** JSON helpers the dialects and upstream views share. */
final class Wire {
    private Wire() {}

    static ObjectNode object() {
        return Json.object();
    }

    static ArrayNode array() {
        return Json.array();
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = Json.array();
        values.forEach(a::add);
        return a;
    }

    /** A JSON text as a tree, or a marker object when it does not parse (so an assertion shows it). */
    static JsonNode parse(String json) {
        try {
            return Json.parse(json, "JSON");
        } catch (IllegalArgumentException e) {
            return Json.object().put("<unparsable>", json);
        }
    }

    static JsonNode parse(byte[] json) {
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    /** A string as it is; the {@code text} of each element of an array, joined by newlines; else null. */
    static String text(JsonNode content) {
        if (content == null || content.isMissingNode() || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.isTextual()) {
                parts.add(part.asText());
            } else if (part.path("text").isTextual()) {
                parts.add(part.path("text").asText());
            }
        }
        return parts.isEmpty() ? null : String.join("\n", parts);
    }

    /** A text field, or null when absent. */
    static String string(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.intValue() : null;
    }

    /** A string or an array of strings as a list; empty when absent. */
    static List<String> stringList(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        }
        for (JsonNode n : node.isArray() ? node : Json.array()) {
            out.add(n.asText());
        }
        return out;
    }
}
