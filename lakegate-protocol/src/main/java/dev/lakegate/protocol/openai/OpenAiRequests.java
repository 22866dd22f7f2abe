package dev.lakegate.protocol.openai;

import static dev.lakegate.protocol.canonical.request.JsonFields.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.JsonFields;
import dev.lakegate.protocol.canonical.request.OutputFormat;
import dev.lakegate.protocol.canonical.request.Reasoning;
import dev.lakegate.protocol.canonical.request.ToolChoice;
import java.util.Locale;

/** What Chat Completions and Responses requests spell alike: effort levels and the string tool choices. */
public final class OpenAiRequests {
    private OpenAiRequests() {}

    public static Reasoning.Effort effort(String value, String path) {
        return switch (value) {
            case "none" -> Reasoning.Effort.NONE;
            case "minimal" -> Reasoning.Effort.MINIMAL;
            case "low" -> Reasoning.Effort.LOW;
            case "medium" -> Reasoning.Effort.MEDIUM;
            case "high" -> Reasoning.Effort.HIGH;
            case "xhigh" -> Reasoning.Effort.XHIGH;
            default -> throw error(path, "expected none, minimal, low, medium, high or xhigh, got '" + value + "'");
        };
    }

    public static String effort(Reasoning.Effort effort) {
        return switch (effort) {
            case NONE -> "none";
            case MINIMAL -> "minimal";
            case LOW -> "low";
            case MEDIUM -> "medium";
            case HIGH -> "high";
            case XHIGH, MAX -> "xhigh";
        };
    }

    /**
     * The effort to send for {@code r}, or null for none: an explicit level, else one derived from a
     * budget; switched-off thinking sends nothing (older reasoning models reject "none").
     */
    public static String effortFor(Reasoning r, boolean foreign) {
        if (r == null || foreign && r.mode() == Reasoning.Mode.DISABLED) {
            return null;
        }
        if (r.effort() != null) {
            return foreign && r.effort() == Reasoning.Effort.NONE ? null : effort(r.effort());
        }
        return r.budgetTokens() != null && r.budgetTokens() > 0 ? effort(Reasoning.effortFor(r.budgetTokens())) : null;
    }

    /** {@code auto}, {@code none}, {@code required}; null for anything else. */
    public static ToolChoice toolChoice(String value) {
        return switch (value) {
            case "auto" -> new ToolChoice.Auto();
            case "none" -> new ToolChoice.None();
            case "required" -> new ToolChoice.Any();
            default -> null;
        };
    }

    /** The string form of a tool choice; null for a named one. */
    public static String toolChoice(ToolChoice choice) {
        return switch (choice) {
            case ToolChoice.Auto a -> "auto";
            case ToolChoice.None n -> "none";
            case ToolChoice.Any a -> "required";
            case ToolChoice.Named n -> null;
        };
    }

    /** Tool call arguments: a JSON object in a string; empty means no arguments. */
    public static JsonNode arguments(String raw, String path) {
        if (raw == null || raw.isBlank()) {
            return Json.object();
        }
        JsonNode args = JsonFields.parseJson(raw, path);
        if (!args.isObject()) {
            throw error(path, "expected a JSON object, got " + args.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return args;
    }

    /** OpenAI requires a schema name; Anthropic and Gemini have none. */
    public static String schemaName(OutputFormat.JsonSchema schema) {
        return schema.name() != null ? schema.name() : "response";
    }
}
