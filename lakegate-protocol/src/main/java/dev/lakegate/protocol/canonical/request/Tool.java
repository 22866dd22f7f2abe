package dev.lakegate.protocol.canonical.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A client-side function the model may call.
 *
 * @param description null when the wire gave none
 * @param inputSchema the JSON Schema of the arguments; null when the wire gave none
 */
public record Tool(String name, String description, JsonNode inputSchema, Extras extras) {
    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(extras, "extras");
    }
}
