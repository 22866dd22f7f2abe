package dev.lakegate.protocol.canonical.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** The shape the answer must have. */
public sealed interface OutputFormat {

    /** Free text (the default, when a client says so explicitly). */
    record Text() implements OutputFormat {}

    /** Any JSON object (OpenAI {@code json_object}, Gemini {@code application/json} without a schema). */
    record JsonObject() implements OutputFormat {}

    /**
     * JSON matching a schema.
     *
     * @param name OpenAI's required schema name; null when the source had none (Anthropic, Gemini)
     * @param description null when none
     * @param strict OpenAI's strict flag; null when not given
     */
    record JsonSchema(String name, String description, JsonNode schema, Boolean strict) implements OutputFormat {
        public JsonSchema {
            Objects.requireNonNull(schema, "schema");
        }
    }
}
