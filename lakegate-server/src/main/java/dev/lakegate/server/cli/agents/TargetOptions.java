package dev.lakegate.server.cli.agents;

import java.util.Map;
import picocli.CommandLine.Option;

/** The gateway and endpoint an agent is pointed at; shared by {@code configure} and {@code run}. */
final class TargetOptions {
    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Option(names = "--url", paramLabel = "URL", description = "Gateway base URL (env LAKEGATE_URL; default " + DEFAULT_URL + ")")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Lakegate token the agent sends (env LAKEGATE_TOKEN)")
    String token;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Endpoint the agent asks for (default: claude-sonnet, gpt-5 for Codex/OpenCode/Cursor, gemini-2.5-pro)")
    String model;

    @Option(names = "--small-model", paramLabel = "NAME",
            description = "Claude Code's small/fast model, OpenCode's small_model (default: the model)")
    String smallModel;

    @Option(names = "--telemetry", description = "Also send the agent's OpenTelemetry metrics, logs and traces to this gateway")
    boolean telemetry;

    @Option(names = "--telemetry-tables", paramLabel = "CAT.SCHEMA.PREFIX",
            description = "Tables for --telemetry: PREFIX_otel_metrics, PREFIX_otel_logs, PREFIX_otel_spans (default "
                    + AgentOptions.DEFAULT_TELEMETRY_TABLES + ")")
    String telemetryTables;

    AgentOptions options(Map<String, String> env, boolean noVendorTraffic) {
        if (telemetryTables != null && !telemetry) {
            throw new IllegalArgumentException("--telemetry-tables only applies with --telemetry");
        }
        return new AgentOptions(firstSet(url, env.get("LAKEGATE_URL"), DEFAULT_URL), firstSet(token, env.get("LAKEGATE_TOKEN")),
                model, smallModel, noVendorTraffic, telemetry, telemetryTables);
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
