package dev.lakegate.server.cli.agents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gemini CLI: {@code ~/.gemini/.env} with the gateway's base URL and bearer auth, and
 * {@code ~/.gemini/settings.json} with the auth type headless runs need (reference/agents/clients.md
 * §3.1, §3.7). Gemini CLI reads {@code .env} only in a trusted folder, hence
 * {@code GEMINI_CLI_TRUST_WORKSPACE=true} at run time. Telemetry (agent-telemetry.md §6.3): settings
 * {@code telemetry.*} point the OTLP/HTTP exporters at the gateway; their per-signal headers come
 * from the standard {@code OTEL_EXPORTER_OTLP_*_HEADERS} variables, set in {@code .env}.
 */
final class GeminiConfig {
    static final String TRUST_VARIABLE = "GEMINI_CLI_TRUST_WORKSPACE";

    private GeminiConfig() {}

    static Setup plan(AgentOptions o, ConfigHome home) {
        Path envPath = home.geminiDir().resolve(".env");
        String envBefore = AgentConfigs.read(envPath);
        DotEnv env = DotEnv.parse(envBefore);
        String model = o.modelFor(Agent.GEMINI);
        env.set("GEMINI_MODEL", model);
        env.set("GOOGLE_GEMINI_BASE_URL", o.url() + "/gemini");
        env.set("GEMINI_API_KEY_AUTH_MECHANISM", "bearer");
        env.set("GEMINI_API_KEY", o.token());
        if (o.telemetry()) {
            env.set("OTEL_EXPORTER_OTLP_TRACES_HEADERS", o.otlpHeaders("spans"));
            env.set("OTEL_EXPORTER_OTLP_LOGS_HEADERS", o.otlpHeaders("logs"));
            env.set("OTEL_EXPORTER_OTLP_METRICS_HEADERS", o.otlpHeaders("metrics"));
        }

        Path settingsPath = home.geminiDir().resolve("settings.json");
        String settingsBefore = AgentConfigs.read(settingsPath);
        ObjectNode original = JsonConfig.read(settingsPath, settingsBefore);
        ObjectNode patch = JsonConfig.object();
        patch.putObject("security").putObject("auth").put("selectedType", "gemini-api-key");
        if (o.noVendorTraffic()) {
            patch.putObject("privacy").put("usageStatisticsEnabled", false);
        }
        if (o.telemetry()) {
            patch.putObject("telemetry").put("enabled", true).put("target", "local")
                    .put("otlpEndpoint", o.url() + "/api/2.0/otel").put("otlpProtocol", "http");
        }
        ObjectNode merged = original.deepCopy();
        JsonConfig.merge(merged, patch);

        List<String> notes = new ArrayList<>();
        notes.add("Gemini CLI reads ~/.gemini/.env only in a trusted folder: trust the folder when asked, or set");
        notes.add("  export " + TRUST_VARIABLE + "=true");
        notes.add("Run: gemini   (or headless: gemini -p \"say hi\"); the model is the Lakegate endpoint " + model + ".");
        if (o.smallModel() != null) {
            notes.add("--small-model is not used by Gemini CLI.");
        }
        if (o.telemetry()) {
            notes.add("Telemetry goes to " + o.table("logs") + ", " + o.table("metrics") + " and " + o.table("spans") + ".");
        }
        if (JsonConfig.hasComments(settingsBefore)) {
            notes.add("Note: comments in " + settingsPath + " are not kept; the backup has them.");
        }
        return new Setup(Agent.GEMINI, List.of(
                new FileChange(envPath, envBefore, env.text()),
                new FileChange(settingsPath, settingsBefore, JsonConfig.write(settingsBefore, original, merged))),
                Map.of(TRUST_VARIABLE, "true"), notes);
    }
}
