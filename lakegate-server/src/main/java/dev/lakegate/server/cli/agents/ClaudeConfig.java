package dev.lakegate.server.cli.agents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Claude Code: the {@code env} block of {@code ~/.claude/settings.json}, which Claude Code applies to
 * its own environment at start (reference/agents/clients.md §1.1; the product page's telemetry block).
 */
final class ClaudeConfig {
    static final String CODING_AGENT_HEADER = "x-databricks-use-coding-agent-mode: true";

    private ClaudeConfig() {}

    static Setup plan(AgentOptions o, ConfigHome home) {
        Path path = home.claudeDir().resolve("settings.json");
        String before = AgentConfigs.read(path);
        ObjectNode original = JsonConfig.read(path, before);
        ObjectNode env = JsonConfig.object();
        env.put("ANTHROPIC_BASE_URL", o.url() + "/anthropic");
        env.put("ANTHROPIC_AUTH_TOKEN", o.token());
        env.put("ANTHROPIC_MODEL", o.modelFor(Agent.CLAUDE));
        env.put("ANTHROPIC_SMALL_FAST_MODEL", o.smallModelFor(Agent.CLAUDE));
        env.put("ANTHROPIC_DEFAULT_HAIKU_MODEL", o.smallModelFor(Agent.CLAUDE));
        env.put("ANTHROPIC_CUSTOM_HEADERS", CODING_AGENT_HEADER);
        if (o.noVendorTraffic()) {
            env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
            env.put("DISABLE_AUTOUPDATER", "1");
        }
        if (o.telemetry()) {
            env.put("CLAUDE_CODE_ENABLE_TELEMETRY", "1");
            env.put("OTEL_METRICS_EXPORTER", "otlp");
            env.put("OTEL_LOGS_EXPORTER", "otlp");
            env.put("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "http/protobuf");
            env.put("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "http/protobuf");
            env.put("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", o.otlpUrl("metrics"));
            env.put("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", o.otlpUrl("logs"));
            env.put("OTEL_EXPORTER_OTLP_METRICS_HEADERS", o.otlpHeaders("metrics"));
            env.put("OTEL_EXPORTER_OTLP_LOGS_HEADERS", o.otlpHeaders("logs"));
            env.put("OTEL_METRIC_EXPORT_INTERVAL", "10000");
            env.put("OTEL_LOGS_EXPORT_INTERVAL", "5000");
        }
        ObjectNode merged = original.deepCopy();
        ObjectNode patch = JsonConfig.object();
        patch.set("env", env);
        JsonConfig.merge(merged, patch);

        List<String> notes = new ArrayList<>();
        notes.add("Run: claude   (or headless: claude -p \"say hi\"); the model is the Lakegate endpoint " + o.modelFor(Agent.CLAUDE) + ".");
        if (merged.path("env").has("ANTHROPIC_API_KEY")) {
            notes.add("Warning: the env block also sets ANTHROPIC_API_KEY; Claude Code may send it instead of the Lakegate token. Remove it.");
        }
        if (o.telemetry()) {
            notes.add("Telemetry goes to " + o.table("metrics") + " and " + o.table("logs") + ": create them with the DDL in docs/agents.md.");
        }
        if (JsonConfig.hasComments(before)) {
            notes.add("Note: comments in " + path + " are not kept; the backup has them.");
        }
        return new Setup(Agent.CLAUDE, List.of(new FileChange(path, before, JsonConfig.write(before, original, merged))), Map.of(), notes);
    }
}
