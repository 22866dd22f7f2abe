package dev.lakegate.server.cli.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * A JSON settings file: read leniently (comments and trailing commas, as JSONC), merged key by key,
 * written the way the agents write theirs ({@code JSON.stringify(value, null, 2)}).
 */
final class JsonConfig {
    private static final ObjectMapper STRICT = new ObjectMapper();
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private JsonConfig() {}

    /** The object in {@code text}, or an empty object when there is no file (null) or it is blank. */
    static ObjectNode read(Path path, String text) {
        if (text == null || text.isBlank()) {
            return LENIENT.createObjectNode();
        }
        try {
            JsonNode json = LENIENT.readTree(text);
            if (json == null || !json.isObject()) {
                throw new ConfigFailure(path + " does not hold a JSON object; fix or move it, then run again");
            }
            return (ObjectNode) json;
        } catch (JsonProcessingException e) {
            throw new ConfigFailure("Cannot read " + path + " as JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + "); fix or move it, then run again");
        }
    }

    /** True when the text only parses with comments or trailing commas, which a rewrite does not keep. */
    static boolean hasComments(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            STRICT.readTree(text);
            return false;
        } catch (JsonProcessingException e) {
            return true;
        }
    }

    /** Sets every field of {@code patch} in {@code target}: objects are merged recursively, anything else replaced. */
    static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode existingObject && e.getValue() instanceof ObjectNode patchObject) {
                merge(existingObject, patchObject);
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    static ObjectNode object() {
        return LENIENT.createObjectNode();
    }

    /**
     * The file's new content: the original text when merging changed nothing (so a file is not rewritten,
     * nor backed up, for formatting alone), else the merged object, pretty-printed.
     */
    static String write(String before, ObjectNode original, ObjectNode merged) {
        if (before != null && original.equals(merged)) {
            return before;
        }
        try {
            return LENIENT.writer(PRETTY).writeValueAsString(merged) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of plain nodes always serialises
        }
    }
}
