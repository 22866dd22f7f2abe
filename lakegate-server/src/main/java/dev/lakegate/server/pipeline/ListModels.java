package dev.lakegate.server.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.server.governance.EndpointPermissions;
import dev.lakegate.server.governance.PermissionLevel;
import dev.lakegate.server.provider.Endpoint;
import dev.lakegate.server.provider.EndpointRegistry;
import dev.lakegate.server.surface.Operation;
import dev.lakegate.server.surface.Surface;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Answers {@code GET …/models} with the endpoints the caller may query, in the surface's own list format (SPEC §2). */
public final class ListModels implements Interceptor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EndpointRegistry endpoints;
    private final EndpointPermissions permissions;
    private final Instant created;

    public ListModels(EndpointRegistry endpoints, EndpointPermissions permissions, Instant created) {
        this.endpoints = endpoints;
        this.permissions = permissions;
        this.created = created;
    }

    @Override
    public void intercept(Exchange exchange, Chain chain) throws Exception {
        if (exchange.route().operation() != Operation.LIST_MODELS) {
            chain.proceed(exchange);
            return;
        }
        List<String> names = endpoints.all().stream()
                .filter(e -> permissions.may(exchange.caller(), e, PermissionLevel.CAN_QUERY))
                .map(Endpoint::name).sorted().toList();
        byte[] body = JSON.writeValueAsBytes(render(exchange.route().surface(), names));
        exchange.client().start(200, Map.of("content-type", "application/json"));
        exchange.client().write(body);
    }

    private ObjectNode render(Surface surface, List<String> names) {
        ObjectNode root = JSON.createObjectNode();
        switch (surface) {
            case ANTHROPIC -> {
                ArrayNode data = root.putArray("data");
                names.forEach(n -> data.addObject().put("type", "model").put("id", n).put("display_name", n)
                        .put("created_at", created.toString()));
                root.put("has_more", false);
                root.put("first_id", names.isEmpty() ? null : names.getFirst());
                root.put("last_id", names.isEmpty() ? null : names.getLast());
            }
            case OPENAI, CODEX, CURSOR -> {
                root.put("object", "list");
                ArrayNode data = root.putArray("data");
                names.forEach(n -> data.addObject().put("id", n).put("object", "model").put("created", created.getEpochSecond())
                        .put("owned_by", "lakegate"));
            }
            case GEMINI -> {
                ArrayNode models = root.putArray("models");
                names.forEach(n -> {
                    ObjectNode m = models.addObject().put("name", "models/" + n).put("version", "lakegate").put("displayName", n)
                            .put("description", "Lakegate endpoint " + n);
                    m.putArray("supportedGenerationMethods").add("generateContent").add("streamGenerateContent").add("countTokens");
                });
            }
        }
        return root;
    }
}
