package dev.lakegate.protocol.anthropic;

import static dev.lakegate.protocol.anthropic.AnthropicRequestReader.A;
import static dev.lakegate.protocol.canonical.request.JsonFields.array;
import static dev.lakegate.protocol.canonical.request.JsonFields.at;
import static dev.lakegate.protocol.canonical.request.JsonFields.bool;
import static dev.lakegate.protocol.canonical.request.JsonFields.element;
import static dev.lakegate.protocol.canonical.request.JsonFields.error;
import static dev.lakegate.protocol.canonical.request.JsonFields.integer;
import static dev.lakegate.protocol.canonical.request.JsonFields.leftovers;
import static dev.lakegate.protocol.canonical.request.JsonFields.object;
import static dev.lakegate.protocol.canonical.request.JsonFields.requireString;
import static dev.lakegate.protocol.canonical.request.JsonFields.string;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.OtherTool;
import dev.lakegate.protocol.canonical.request.OutputFormat;
import dev.lakegate.protocol.canonical.request.Reasoning;
import dev.lakegate.protocol.canonical.request.Tool;
import dev.lakegate.protocol.canonical.request.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Anthropic {@code tools}, {@code tool_choice}, {@code thinking}, {@code output_config} and {@code metadata}. */
final class AnthropicRequestOptions {
    private AnthropicRequestOptions() {}

    static void read(ObjectNode root, CanonicalRequest.Builder b, Extras.Builder extras) {
        tools(root, b, extras);
        ObjectNode choice = object(root, "tool_choice", "");
        if (choice != null) {
            b.toolChoice(switch (requireString(choice, "type", "tool_choice")) {
                case "auto" -> new ToolChoice.Auto();
                case "any" -> new ToolChoice.Any();
                case "none" -> new ToolChoice.None();
                case "tool" -> new ToolChoice.Named(requireString(choice, "name", "tool_choice"));
                default -> throw error("tool_choice.type", "expected auto, any, tool or none, got '" + choice.get("type").textValue() + "'");
            });
            Boolean disable = bool(choice, "disable_parallel_tool_use", "tool_choice");
            b.parallelToolCalls(disable == null ? null : !disable);
            extras.nested("tool_choice", leftovers(choice, Set.of("type", "name", "disable_parallel_tool_use")));
        }
        reasoning(root, b, extras);
        ObjectNode metadata = object(root, "metadata", "");
        if (metadata != null) {
            b.userId(string(metadata, "user_id", "metadata"));
            extras.nested("metadata", leftovers(metadata, Set.of("user_id")));
        }
    }

    private static void tools(ObjectNode root, CanonicalRequest.Builder b, Extras.Builder extras) {
        ArrayNode tools = array(root, "tools", "");
        if (tools == null) {
            return;
        }
        extras.hint("tools_empty", tools.isEmpty()); // Claude Code's title call sends "tools": []
        List<Tool> functions = new ArrayList<>();
        List<OtherTool> others = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            String path = at("tools", i);
            ObjectNode t = element(tools.get(i), path);
            String type = string(t, "type", path);
            if (type == null || type.equals("custom")) {
                functions.add(new Tool(requireString(t, "name", path), string(t, "description", path), object(t, "input_schema", path),
                        Extras.builder(A).fields(leftovers(t, Set.of("name", "description", "input_schema"))).hint("index", String.valueOf(i)).build()));
            } else {
                others.add(new OtherTool(type, string(t, "name", path), Extras.builder(A).fields(t).hint("index", String.valueOf(i)).build()));
            }
        }
        b.tools(functions).otherTools(others);
    }

    private static void reasoning(ObjectNode root, CanonicalRequest.Builder b, Extras.Builder extras) {
        ObjectNode thinking = object(root, "thinking", "");
        ObjectNode output = object(root, "output_config", "");
        Reasoning.Mode mode = null;
        Integer budget = null;
        if (thinking != null) {
            mode = switch (requireString(thinking, "type", "thinking")) {
                case "enabled" -> Reasoning.Mode.ENABLED;
                case "adaptive" -> Reasoning.Mode.ADAPTIVE;
                case "disabled" -> Reasoning.Mode.DISABLED;
                default -> throw error("thinking.type", "expected enabled, adaptive or disabled, got '" + thinking.get("type").textValue() + "'");
            };
            budget = integer(thinking, "budget_tokens", "thinking");
            extras.nested("thinking", leftovers(thinking, Set.of("type", "budget_tokens")));
        }
        Reasoning.Effort effort = null;
        if (output != null) {
            String e = string(output, "effort", "output_config");
            effort = e == null ? null : effort(e);
            ObjectNode format = object(output, "format", "output_config");
            ObjectNode rest = leftovers(output, Set.of("effort", "format"));
            if (format != null) {
                if (!"json_schema".equals(requireString(format, "type", "output_config.format"))) {
                    throw error("output_config.format.type", "expected json_schema, got '" + format.get("type").textValue() + "'");
                }
                ObjectNode schema = object(format, "schema", "output_config.format");
                if (schema == null) {
                    throw error("output_config.format.schema", "missing; a json_schema format needs a schema");
                }
                b.outputFormat(new OutputFormat.JsonSchema(null, null, schema, null));
                ObjectNode formatRest = leftovers(format, Set.of("type", "schema"));
                if (!formatRest.isEmpty()) {
                    rest.set("format", formatRest);
                }
            }
            extras.nested("output_config", rest);
        }
        if (mode != null || effort != null) {
            boolean shown = mode == Reasoning.Mode.ENABLED || mode == Reasoning.Mode.ADAPTIVE;
            b.reasoning(new Reasoning(mode, effort, budget, shown ? Boolean.TRUE : null));
        }
    }

    private static Reasoning.Effort effort(String e) {
        return switch (e) {
            case "low" -> Reasoning.Effort.LOW;
            case "medium" -> Reasoning.Effort.MEDIUM;
            case "high" -> Reasoning.Effort.HIGH;
            case "max" -> Reasoning.Effort.MAX;
            default -> throw error("output_config.effort", "expected low, medium, high or max, got '" + e + "'");
        };
    }

    static String effort(Reasoning.Effort e) {
        return switch (e) {
            case NONE -> null;
            case MINIMAL, LOW -> "low";
            case MEDIUM -> "medium";
            case HIGH -> "high";
            case XHIGH, MAX -> "max";
        };
    }
}
