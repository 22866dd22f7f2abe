package dev.lakegate.server.provider.scripted;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Json;
import java.util.List;

/** {@code GET …/models} in each vendor's list shape. */
final class ModelsList {
    private static final String CREATED_AT = "2026-01-01T00:00:00Z";
    private static final long CREATED = 1_767_225_600L;

    private ModelsList() {}

    static byte[] body(WireProtocol protocol, List<String> models) {
        ObjectNode list = Json.object();
        switch (protocol) {
            case ANTHROPIC -> {
                ArrayNode data = list.putArray("data");
                models.forEach(m -> data.addObject().put("type", "model").put("id", m).put("display_name", m).put("created_at", CREATED_AT));
                list.put("has_more", false).put("first_id", models.isEmpty() ? null : models.getFirst())
                        .put("last_id", models.isEmpty() ? null : models.getLast());
            }
            case OPENAI_CHAT, OPENAI_RESPONSES -> {
                list.put("object", "list");
                ArrayNode data = list.putArray("data");
                models.forEach(m -> data.addObject().put("id", m).put("object", "model").put("created", CREATED).put("owned_by", "lakegate"));
            }
            case GEMINI -> {
                ArrayNode data = list.putArray("models");
                for (String m : models) {
                    ObjectNode model = data.addObject().put("name", "models/" + m).put("version", "001").put("displayName", m)
                            .put("description", "Lakegate scripted model").put("inputTokenLimit", 1_048_576).put("outputTokenLimit", 65_536);
                    model.putArray("supportedGenerationMethods").add("generateContent").add("countTokens");
                }
            }
        }
        return Json.bytes(list);
    }
}
