package dev.lakegate.server.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Prints an endpoint's ai-gateway settings (the API's JSON) for people. */
final class SettingsView {
    private SettingsView() {}

    static void print(PrintWriter out, JsonNode settings) {
        switch (settings.path("source").asText()) {
            case "configuration" -> out.println("ai-gateway settings (from the gateway's configuration file):");
            case "api" -> out.println("ai-gateway settings (set through the API; the configuration file's no longer apply):");
            default -> out.println("ai-gateway settings:");
        }
        line(out, "usage tracking", onOff(settings.path("usage_tracking_config")));
        line(out, "fallback", onOff(settings.path("fallback_config")));
        JsonNode table = settings.path("inference_table_config");
        String details = table.isMissingNode() ? "" : " (sampling " + table.path("sampling_fraction").asDouble(1)
                + ", " + table.path("redact_patterns").size() + " redact pattern(s))";
        line(out, "inference table", table(table) + (table.path("enabled").asBoolean(false) ? details : ""));
        if (settings.path("rate_limits").isEmpty()) {
            line(out, "rate limits", "none");
            return;
        }
        out.println("rate limits (per minute):");
        Table limits = new Table("KEY", "PRINCIPAL", "CALLS", "TOKENS");
        for (JsonNode l : settings.path("rate_limits")) {
            String key = l.path("key").asText();
            String principal = l.path("principal").asText(key.equals("user") ? "(every user: the default)" : "");
            limits.row(key, principal, l.path("calls").asText(""), l.path("tokens").asText(""));
        }
        limits.print(out, "");
    }

    static void line(PrintWriter out, String label, String value) {
        out.println(String.format("%-16s %s", label, value));
    }

    static String onOff(JsonNode part) {
        return part.path("enabled").asBoolean(false) ? "on" : "off";
    }

    /** {@code catalog.schema.prefix_payload}, with {@code (off)} when disabled; {@code none} without one. */
    static String table(JsonNode config) {
        if (config.isMissingNode()) {
            return "none";
        }
        String name = config.path("catalog_name").asText("?") + "." + config.path("schema_name").asText("?") + "."
                + config.path("table_name_prefix").asText("?") + "_payload";
        return config.path("enabled").asBoolean(false) ? name : "off (" + name + ")";
    }
}
