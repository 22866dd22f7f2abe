package dev.lakegate.server.cli.agents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenCode: {@code ~/.config/opencode/opencode.json} gets a {@code lakegate} provider built on the AI
 * SDK's {@code @ai-sdk/openai-compatible} package (Chat Completions at {@code URL/openai/v1}), the
 * endpoint as its model, and selects it ({@code model = "lakegate/<endpoint>"}). See
 * opencode.ai/docs/providers ("Custom provider") and opencode.ai/docs/config.
 */
final class OpenCodeConfig {
    static final String PROVIDER = "lakegate";

    private OpenCodeConfig() {}

    static Setup plan(AgentOptions o, ConfigHome home) {
        Path path = home.openCodeDir().resolve("opencode.json");
        String before = AgentConfigs.read(path);
        ObjectNode original = JsonConfig.read(path, before);
        String model = o.modelFor(Agent.OPENCODE);
        String small = o.smallModelFor(Agent.OPENCODE);

        ObjectNode patch = JsonConfig.object();
        if (!original.has("$schema")) {
            patch.put("$schema", "https://opencode.ai/config.json");
        }
        ObjectNode provider = patch.putObject("provider").putObject(PROVIDER);
        provider.put("npm", "@ai-sdk/openai-compatible").put("name", "Lakegate");
        provider.putObject("options").put("baseURL", o.url() + "/openai/v1").put("apiKey", o.token());
        ObjectNode models = provider.putObject("models");
        models.putObject(model).put("name", model);
        models.putObject(small).put("name", small);
        patch.put("model", PROVIDER + "/" + model);
        patch.put("small_model", PROVIDER + "/" + small);
        if (o.noVendorTraffic()) {
            patch.put("autoupdate", false);
            patch.put("share", "disabled");
        }
        ObjectNode merged = original.deepCopy();
        JsonConfig.merge(merged, patch);

        List<String> notes = new ArrayList<>();
        notes.add("Run: opencode   (or headless: opencode run \"say hi\"); the model is lakegate/" + model + ".");
        if (o.noVendorTraffic()) {
            notes.add("OpenCode also fetches its model catalogue from models.dev; to stop that too:");
            notes.add("  export OPENCODE_DISABLE_MODELS_FETCH=1");
        }
        if (o.telemetry()) {
            notes.add("--telemetry: OpenCode has no OpenTelemetry export to configure; its requests are still recorded by the gateway.");
        }
        if (JsonConfig.hasComments(before)) {
            notes.add("Note: comments in " + path + " are not kept; the backup has them.");
        }
        return new Setup(Agent.OPENCODE, List.of(new FileChange(path, before, JsonConfig.write(before, original, merged))),
                o.noVendorTraffic() ? Map.of("OPENCODE_DISABLE_MODELS_FETCH", "1") : Map.of(), notes);
    }
}
