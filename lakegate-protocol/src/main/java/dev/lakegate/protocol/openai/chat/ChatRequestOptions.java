package dev.lakegate.protocol.openai.chat;

import static dev.lakegate.protocol.canonical.request.JsonFields.array;
import static dev.lakegate.protocol.canonical.request.JsonFields.at;
import static dev.lakegate.protocol.canonical.request.JsonFields.bool;
import static dev.lakegate.protocol.canonical.request.JsonFields.element;
import static dev.lakegate.protocol.canonical.request.JsonFields.error;
import static dev.lakegate.protocol.canonical.request.JsonFields.leftovers;
import static dev.lakegate.protocol.canonical.request.JsonFields.object;
import static dev.lakegate.protocol.canonical.request.JsonFields.requireString;
import static dev.lakegate.protocol.canonical.request.JsonFields.string;
import static dev.lakegate.protocol.openai.chat.ChatRequestReader.C;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;
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

/** Chat {@code tools}, {@code tool_choice}, {@code reasoning_effort} and {@code response_format}. */
final class ChatRequestOptions {
    private ChatRequestOptions() {}

    static void read(ObjectNode root, CanonicalRequest.Builder b) {
        ArrayNode tools = array(root, "tools", "");
        List<Tool> functions = new ArrayList<>();
        List<OtherTool> others = new ArrayList<>();
        for (int i = 0; tools != null && i < tools.size(); i++) {
            String path = at("tools", i);
            ObjectNode t = element(tools.get(i), path);
            ObjectNode f = object(t, "function", path);
            if (!"function".equals(string(t, "type", path)) || f == null) {
                others.add(new OtherTool(String.valueOf(string(t, "type", path)), null, Extras.builder(C).fields(t).hint("index", String.valueOf(i)).build()));
                continue;
            }
            String fp = at(path, "function");
            functions.add(new Tool(requireString(f, "name", fp), string(f, "description", fp), object(f, "parameters", fp),
                    Extras.builder(C).fields(leftovers(t, Set.of("type", "function")))
                            .nested("function", leftovers(f, Set.of("name", "description", "parameters"))).hint("index", String.valueOf(i)).build()));
        }
        b.tools(functions).otherTools(others);
        b.toolChoice(toolChoice(root));
        String effort = string(root, "reasoning_effort", "");
        if (effort != null) {
            b.reasoning(new Reasoning(null, OpenAiRequests.effort(effort, "reasoning_effort"), null, null));
        }
        ObjectNode format = object(root, "response_format", "");
        if (format != null) {
            b.outputFormat(switch (requireString(format, "type", "response_format")) {
                case "text" -> new OutputFormat.Text();
                case "json_object" -> new OutputFormat.JsonObject();
                case "json_schema" -> {
                    ObjectNode js = object(format, "json_schema", "response_format");
                    if (js == null || object(js, "schema", "response_format.json_schema") == null) {
                        throw error("response_format.json_schema", "missing; a json_schema format needs {name, schema}");
                    }
                    yield new OutputFormat.JsonSchema(string(js, "name", "response_format.json_schema"), string(js, "description", "response_format.json_schema"),
                            js.get("schema"), bool(js, "strict", "response_format.json_schema"));
                }
                default -> throw error("response_format.type", "expected text, json_object or json_schema, got '" + format.get("type").textValue() + "'");
            });
        }
    }

    private static ToolChoice toolChoice(ObjectNode root) {
        JsonNode choice = root.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            ToolChoice c = OpenAiRequests.toolChoice(choice.textValue());
            if (c == null) {
                throw error("tool_choice", "expected auto, none, required or {type: function, function: {name}}, got '" + choice.textValue() + "'");
            }
            return c;
        }
        ObjectNode function = object(element(choice, "tool_choice"), "function", "tool_choice");
        if (function == null) {
            throw error("tool_choice", "expected auto, none, required or {type: function, function: {name}}");
        }
        return new ToolChoice.Named(requireString(function, "name", "tool_choice.function"));
    }

    // ---- writing ----

    static void writeTools(ObjectNode root, CanonicalRequest r, Set<String> names) {
        List<Map.Entry<Extras, ObjectNode>> written = new ArrayList<>();
        for (Tool t : r.tools()) {
            ObjectNode tool = Json.object().put("type", "function");
            written.add(Map.entry(t.extras(), tool));
            ObjectNode f = tool.putObject("function").put("name", t.name());
            if (t.description() != null) {
                f.put("description", t.description());
            }
            if (t.inputSchema() != null) {
                f.set("parameters", t.inputSchema());
            }
            t.extras().writeInto(C, tool);
            names.add(t.name());
        }
        r.otherTools().stream().filter(t -> t.extras().from(C)).forEach(t -> written.add(Map.entry(t.extras(), t.extras().fields().deepCopy())));
        ArrayNode tools = Conversation.inOrder(written, C);
        if (!tools.isEmpty()) {
            root.set("tools", tools);
        }
    }

    static void writeToolChoice(ObjectNode root, ToolChoice choice) {
        if (choice == null) {
            return;
        }
        String simple = OpenAiRequests.toolChoice(choice);
        if (simple != null) {
            root.put("tool_choice", simple);
        } else {
            ObjectNode c = root.putObject("tool_choice").put("type", "function");
            c.putObject("function").put("name", ((ToolChoice.Named) choice).name());
        }
    }

    static void writeFormat(ObjectNode root, OutputFormat format) {
        if (format == null) {
            return;
        }
        ObjectNode f = root.putObject("response_format");
        switch (format) {
            case OutputFormat.Text t -> f.put("type", "text");
            case OutputFormat.JsonObject j -> f.put("type", "json_object");
            case OutputFormat.JsonSchema s -> {
                ObjectNode js = f.put("type", "json_schema").putObject("json_schema").put("name", OpenAiRequests.schemaName(s));
                if (s.description() != null) {
                    js.put("description", s.description());
                }
                js.set("schema", s.schema());
                if (s.strict() != null) {
                    js.put("strict", s.strict());
                }
            }
        }
    }
}
