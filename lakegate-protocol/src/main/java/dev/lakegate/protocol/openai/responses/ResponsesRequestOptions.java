package dev.lakegate.protocol.openai.responses;

import static dev.lakegate.protocol.canonical.request.JsonFields.array;
import static dev.lakegate.protocol.canonical.request.JsonFields.at;
import static dev.lakegate.protocol.canonical.request.JsonFields.bool;
import static dev.lakegate.protocol.canonical.request.JsonFields.element;
import static dev.lakegate.protocol.canonical.request.JsonFields.error;
import static dev.lakegate.protocol.canonical.request.JsonFields.leftovers;
import static dev.lakegate.protocol.canonical.request.JsonFields.object;
import static dev.lakegate.protocol.canonical.request.JsonFields.requireString;
import static dev.lakegate.protocol.canonical.request.JsonFields.string;
import static dev.lakegate.protocol.openai.responses.ResponsesRequestReader.R;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Conversation;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.OtherTool;
import dev.lakegate.protocol.canonical.request.OutputFormat;
import dev.lakegate.protocol.canonical.request.Reasoning;
import dev.lakegate.protocol.canonical.request.Tool;
import dev.lakegate.protocol.canonical.request.ToolChoice;
import dev.lakegate.protocol.openai.OpenAiRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Responses {@code tools}, {@code tool_choice}, {@code reasoning} and {@code text.format}. Only
 * {@code function} tools are canonical; {@code namespace}, {@code custom}, {@code tool_search},
 * {@code web_search} and the rest are other tools.
 */
final class ResponsesRequestOptions {
    private ResponsesRequestOptions() {}

    static void read(ObjectNode root, CanonicalRequest.Builder b, Extras.Builder extras) {
        ArrayNode tools = array(root, "tools", "");
        List<Tool> functions = new ArrayList<>();
        List<OtherTool> others = new ArrayList<>();
        for (int i = 0; tools != null && i < tools.size(); i++) {
            String path = at("tools", i);
            ObjectNode t = element(tools.get(i), path);
            String type = requireString(t, "type", path);
            if (type.equals("function")) {
                functions.add(new Tool(requireString(t, "name", path), string(t, "description", path), object(t, "parameters", path),
                        Extras.builder(R).fields(leftovers(t, Set.of("type", "name", "description", "parameters"))).hint("index", String.valueOf(i)).build()));
            } else {
                others.add(new OtherTool(type, t.path("name").isTextual() ? t.get("name").textValue() : null, Extras.builder(R).fields(t).hint("index", String.valueOf(i)).build()));
            }
        }
        b.tools(functions).otherTools(others);
        toolChoice(root, b, extras);
        ObjectNode reasoning = object(root, "reasoning", "");
        if (reasoning != null) {
            String effort = string(reasoning, "effort", "reasoning");
            String summary = string(reasoning, "summary", "reasoning");
            extras.hint("summary", summary).nested("reasoning", leftovers(reasoning, Set.of("effort", "summary")));
            if (effort != null || summary != null) {
                b.reasoning(new Reasoning(null, effort == null ? null : OpenAiRequests.effort(effort, "reasoning.effort"), null,
                        summary == null ? null : Boolean.TRUE));
            }
        }
        ObjectNode text = object(root, "text", "");
        ObjectNode format = text == null ? null : object(text, "format", "text");
        if (format != null) {
            b.outputFormat(switch (requireString(format, "type", "text.format")) {
                case "text" -> new OutputFormat.Text();
                case "json_object" -> new OutputFormat.JsonObject();
                case "json_schema" -> {
                    if (object(format, "schema", "text.format") == null) {
                        throw error("text.format.schema", "missing; a json_schema format needs a schema");
                    }
                    yield new OutputFormat.JsonSchema(string(format, "name", "text.format"), string(format, "description", "text.format"),
                            format.get("schema"), bool(format, "strict", "text.format"));
                }
                default -> throw error("text.format.type", "expected text, json_object or json_schema, got '" + format.get("type").textValue() + "'");
            });
        }
        extras.nested("text", leftovers(text, Set.of("format")));
    }

    /** String choices and {type: function}; a choice of a hosted or custom tool stays verbatim for Responses only. */
    private static void toolChoice(ObjectNode root, CanonicalRequest.Builder b, Extras.Builder extras) {
        JsonNode choice = root.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return;
        }
        if (choice.isTextual()) {
            ToolChoice c = OpenAiRequests.toolChoice(choice.textValue());
            if (c == null) {
                throw error("tool_choice", "expected auto, none, required or an object, got '" + choice.textValue() + "'");
            }
            b.toolChoice(c);
        } else if ("function".equals(string(element(choice, "tool_choice"), "type", "tool_choice"))) {
            b.toolChoice(new ToolChoice.Named(requireString(choice, "name", "tool_choice")));
        } else {
            extras.field("tool_choice", choice);
        }
    }

    // ---- writing ----

    static void writeTools(ObjectNode root, CanonicalRequest r, Set<String> names) {
        List<Map.Entry<Extras, ObjectNode>> written = new ArrayList<>();
        for (Tool t : r.tools()) {
            ObjectNode tool = root.objectNode().put("type", "function").put("name", t.name());
            written.add(Map.entry(t.extras(), tool));
            if (t.description() != null) {
                tool.put("description", t.description());
            }
            if (t.inputSchema() != null) {
                tool.set("parameters", t.inputSchema());
            }
            t.extras().writeInto(R, tool);
            names.add(t.name());
        }
        r.otherTools().stream().filter(t -> t.extras().from(R)).forEach(t -> written.add(Map.entry(t.extras(), t.extras().fields().deepCopy())));
        ArrayNode tools = Conversation.inOrder(written, R);
        if (!tools.isEmpty()) {
            root.set("tools", tools);
        }
    }

    static void writeToolChoice(ObjectNode root, ToolChoice choice) {
        if (choice != null) {
            String simple = OpenAiRequests.toolChoice(choice);
            if (simple != null) {
                root.put("tool_choice", simple);
            } else {
                root.putObject("tool_choice").put("type", "function").put("name", ((ToolChoice.Named) choice).name());
            }
        }
    }

    static void writeReasoning(ObjectNode root, CanonicalRequest r, boolean foreign) {
        Reasoning rs = r.reasoning();
        String effort = OpenAiRequests.effortFor(rs, foreign);
        String summary = foreign ? (rs != null && Boolean.TRUE.equals(rs.includeThoughts()) && !rs.off() ? "auto" : null) : r.extras().hint(R, "summary");
        if (effort != null || summary != null) {
            ObjectNode reasoning = root.putObject("reasoning");
            if (effort != null) {
                reasoning.put("effort", effort);
            }
            if (summary != null) {
                reasoning.put("summary", summary);
            }
        }
    }

    static void writeFormat(ObjectNode root, OutputFormat format) {
        if (format == null) {
            return;
        }
        ObjectNode f = root.putObject("text").putObject("format");
        switch (format) {
            case OutputFormat.Text t -> f.put("type", "text");
            case OutputFormat.JsonObject j -> f.put("type", "json_object");
            case OutputFormat.JsonSchema s -> {
                f.put("type", "json_schema").put("name", OpenAiRequests.schemaName(s));
                if (s.description() != null) {
                    f.put("description", s.description());
                }
                f.set("schema", s.schema());
                if (s.strict() != null) {
                    f.put("strict", s.strict());
                }
            }
        }
    }
}
