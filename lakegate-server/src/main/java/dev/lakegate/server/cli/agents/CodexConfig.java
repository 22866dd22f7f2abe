package dev.lakegate.server.cli.agents;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Codex CLI: {@code ~/.codex/config.toml} (or {@code $CODEX_HOME}) gets a {@code lakegate} model
 * provider on the Responses wire API and selects it; the token stays out of the file, in the
 * variable the provider's {@code env_key} names (reference/agents/clients.md §2.1, §2.7;
 * reference/agent-telemetry.md §6.2 for {@code [otel]}).
 */
final class CodexConfig {
    static final String PROVIDER = "lakegate";
    static final String TOKEN_VARIABLE = "LAKEGATE_TOKEN";
    private static final List<String> PROVIDER_TABLE = List.of("model_providers", PROVIDER);

    private CodexConfig() {}

    static Setup plan(AgentOptions o, ConfigHome home) {
        Path path = home.codexDir().resolve("config.toml");
        String before = AgentConfigs.read(path);
        TomlDocument toml;
        try {
            toml = TomlDocument.parse(before);
        } catch (ConfigFailure e) {
            throw new ConfigFailure(path + ": " + e.getMessage());
        }
        String model = o.modelFor(Agent.CODEX);
        toml.set(List.of(), "model", TomlDocument.string(model));
        toml.set(List.of(), "model_provider", TomlDocument.string(PROVIDER));
        toml.set(PROVIDER_TABLE, "name", TomlDocument.string("Lakegate"));
        toml.set(PROVIDER_TABLE, "base_url", TomlDocument.string(o.url() + "/openai/v1"));
        toml.set(PROVIDER_TABLE, "env_key", TomlDocument.string(TOKEN_VARIABLE));
        toml.set(PROVIDER_TABLE, "wire_api", TomlDocument.string("responses"));
        if (o.noVendorTraffic()) {
            toml.set(List.of("analytics"), "enabled", "false");
            toml.set(List.of("features"), "plugins", "false");
        }
        if (o.telemetry()) {
            toml.set(List.of("otel"), "exporter", exporter(o, "logs", "logs"));
            toml.set(List.of("otel"), "metrics_exporter", exporter(o, "metrics", "metrics"));
            toml.set(List.of("otel"), "trace_exporter", exporter(o, "traces", "spans"));
        }
        List<String> notes = new ArrayList<>();
        notes.add("Codex reads the token from " + TOKEN_VARIABLE + "; add this line to your shell profile:");
        notes.add("  export " + TOKEN_VARIABLE + "=" + o.token());
        notes.add("Run: codex   (or headless: codex exec --skip-git-repo-check \"say hi\"); the model is the Lakegate endpoint " + model + ".");
        if (o.smallModel() != null) {
            notes.add("--small-model is not used by Codex.");
        }
        if (o.telemetry()) {
            notes.add("Telemetry goes to " + o.table("logs") + ", " + o.table("metrics") + " and " + o.table("spans")
                    + " (the token is in config.toml's [otel] headers).");
        }
        return new Setup(Agent.CODEX, List.of(new FileChange(path, before, toml.text())), Map.of(TOKEN_VARIABLE, o.token()), notes);
    }

    /** {@code { otlp-http = { endpoint, protocol = "binary", headers = {…} } }} for one signal. */
    private static String exporter(AgentOptions o, String signal, String tableKind) {
        String headers = TomlDocument.inlineTable(TomlDocument.entries(
                "Authorization", TomlDocument.string("Bearer " + o.token()),
                "X-Databricks-UC-Table-Name", TomlDocument.string(o.table(tableKind))));
        return TomlDocument.inlineTable(TomlDocument.entries("otlp-http", TomlDocument.inlineTable(TomlDocument.entries(
                "endpoint", TomlDocument.string(o.otlpUrl(signal)),
                "protocol", TomlDocument.string("binary"),
                "headers", headers))));
    }
}
