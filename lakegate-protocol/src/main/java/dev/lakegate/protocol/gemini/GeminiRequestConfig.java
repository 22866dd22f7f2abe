package dev.lakegate.protocol.gemini;

import static dev.lakegate.protocol.canonical.request.JsonFields.array;
import static dev.lakegate.protocol.canonical.request.JsonFields.at;
import static dev.lakegate.protocol.canonical.request.JsonFields.bool;
import static dev.lakegate.protocol.canonical.request.JsonFields.element;
import static dev.lakegate.protocol.canonical.request.JsonFields.error;
import static dev.lakegate.protocol.canonical.request.JsonFields.integer;
import static dev.lakegate.protocol.canonical.request.JsonFields.leftovers;
import static dev.lakegate.protocol.canonical.request.JsonFields.number;
import static dev.lakegate.protocol.canonical.request.JsonFields.object;
import static dev.lakegate.protocol.canonical.request.JsonFields.requireString;
import static dev.lakegate.protocol.canonical.request.JsonFields.string;
import static dev.lakegate.protocol.gemini.GeminiRequestReader.G;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.OtherTool;
import dev.lakegate.protocol.canonical.request.OutputFormat;
import dev.lakegate.protocol.canonical.request.Reasoning;
import dev.lakegate.protocol.canonical.request.Sampling;
import dev.lakegate.protocol.canonical.request.Tool;
import dev.lakegate.protocol.canonical.request.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads Gemini {@code tools}, {@code toolConfig} and {@code generationConfig}. */
final class GeminiRequestConfig {
    private static final Set<String> GENERATION = Set.of("maxOutputTokens", "temperature", "topP", "topK", "stopSequences",
            "thinkingConfig", "responseMimeType", "responseSchema", "responseJsonSchema");

    private GeminiRequestConfig() {}

    static void read(ObjectNode root, CanonicalRequest.Builder b, Extras.Builder extras) {
        tools(root, b);
        ObjectNode config = object(root, "toolConfig", "");
        ObjectNode calling = config == null ? null : object(config, "functionCallingConfig", "toolConfig");
        if (calling != null) {
            String path = "toolConfig.functionCallingConfig";
            String mode = requireString(calling, "mode", path);
            ArrayNode allowed = array(calling, "allowedFunctionNames", path);
            ObjectNode rest = leftovers(calling, Set.of("mode", "allowedFunctionNames"));
            b.toolChoice(switch (mode) {
                case "NONE" -> new ToolChoice.None();
                case "ANY" -> allowed != null && allowed.size() == 1 ? new ToolChoice.Named(allowed.get(0).asText()) : new ToolChoice.Any();
                default -> new ToolChoice.Auto(); // AUTO, or VALIDATED: the model decides, constrained to the schemas
            });
            if (allowed != null && !(mode.equals("ANY") && allowed.size() == 1)) {
                rest.set("allowedFunctionNames", allowed);
            }
            extras.hint("mode", mode);
            ObjectNode configRest = leftovers(config, Set.of("functionCallingConfig"));
            if (!rest.isEmpty()) {
                configRest.set("functionCallingConfig", rest);
            }
            extras.nested("toolConfig", configRest);
        } else {
            extras.nested("toolConfig", config);
        }
        generation(root, b, extras);
    }

    private static void tools(ObjectNode root, CanonicalRequest.Builder b) {
        ArrayNode tools = array(root, "tools", "");
        List<Tool> functions = new ArrayList<>();
        List<OtherTool> others = new ArrayList<>();
        for (int i = 0; tools != null && i < tools.size(); i++) {
            String path = at("tools", i);
            for (Map.Entry<String, JsonNode> e : element(tools.get(i), path).properties()) {
                if (!e.getKey().equals("functionDeclarations")) {
                    others.add(new OtherTool(e.getKey(), null, Extras.builder(G).field(e.getKey(), e.getValue()).build()));
                    continue;
                }
                ArrayNode declarations = array(tools.get(i), "functionDeclarations", path);
                for (int j = 0; j < declarations.size(); j++) {
                    functions.add(declaration(element(declarations.get(j), at(at(path, "functionDeclarations"), j)), at(at(path, "functionDeclarations"), j)));
                }
            }
        }
        b.tools(functions).otherTools(others);
    }

    private static Tool declaration(ObjectNode d, String path) {
        Extras.Builder extras = Extras.builder(G).fields(leftovers(d, Set.of("name", "description", "parameters", "parametersJsonSchema")));
        JsonNode schema = object(d, "parametersJsonSchema", path);
        if (schema == null && object(d, "parameters", path) != null) {
            schema = GeminiSchemas.toJsonSchema(d.get("parameters"));
            extras.hint("schema", "parameters");
            if (!schema.equals(d.get("parameters"))) {
                extras.field("parameters", d.get("parameters")); // the OpenAPI spelling goes back to Gemini as it came
            }
        }
        return new Tool(requireString(d, "name", path), string(d, "description", path), schema, extras.build());
    }

    private static void generation(ObjectNode root, CanonicalRequest.Builder b, Extras.Builder extras) {
        ObjectNode g = object(root, "generationConfig", "");
        if (g == null) {
            return;
        }
        String p = "generationConfig";
        ArrayNode stops = array(g, "stopSequences", p);
        List<String> stopList = new ArrayList<>();
        for (int i = 0; stops != null && i < stops.size(); i++) {
            stopList.add(stops.get(i).asText());
        }
        b.sampling(new Sampling(integer(g, "maxOutputTokens", p), number(g, "temperature", p), number(g, "topP", p), integer(g, "topK", p), stopList));
        ObjectNode rest = leftovers(g, GENERATION);
        ObjectNode thinking = object(g, "thinkingConfig", p);
        if (thinking != null) {
            b.reasoning(reasoning(thinking));
            ObjectNode thinkingRest = leftovers(thinking, Set.of("includeThoughts", "thinkingBudget", "thinkingLevel"));
            if (!thinkingRest.isEmpty()) {
                rest.set("thinkingConfig", thinkingRest);
            }
        }
        String mime = string(g, "responseMimeType", p);
        if ("application/json".equals(mime) || "text/plain".equals(mime)) {
            b.outputFormat(format(g, mime, extras, rest));
        } else if (mime != null) {
            // text/x.enum and the like: only Gemini can honour them
            List.of("responseMimeType", "responseSchema", "responseJsonSchema").forEach(k -> rest.set(k, g.get(k)));
        }
        extras.nested("generationConfig", rest);
    }

    private static Reasoning reasoning(ObjectNode t) {
        String p = "generationConfig.thinkingConfig";
        Integer budget = integer(t, "thinkingBudget", p);
        Reasoning.Mode mode = budget == null ? null : budget < 0 ? Reasoning.Mode.ADAPTIVE : budget == 0 ? Reasoning.Mode.DISABLED : Reasoning.Mode.ENABLED;
        String level = string(t, "thinkingLevel", p);
        Reasoning.Effort effort = level == null ? null : switch (level.toLowerCase(Locale.ROOT)) {
            case "minimal" -> Reasoning.Effort.MINIMAL;
            case "low" -> Reasoning.Effort.LOW;
            case "medium" -> Reasoning.Effort.MEDIUM;
            case "high" -> Reasoning.Effort.HIGH;
            default -> throw error(p + ".thinkingLevel", "expected minimal, low, medium or high, got '" + level + "'");
        };
        return new Reasoning(mode, effort, budget != null && budget > 0 ? budget : null, bool(t, "includeThoughts", p));
    }

    private static OutputFormat format(ObjectNode g, String mime, Extras.Builder extras, ObjectNode rest) {
        if (mime.equals("text/plain")) {
            return new OutputFormat.Text();
        }
        JsonNode json = object(g, "responseJsonSchema", "generationConfig");
        if (json != null) {
            return new OutputFormat.JsonSchema(null, null, json, null);
        }
        JsonNode openApi = object(g, "responseSchema", "generationConfig");
        if (openApi == null) {
            return new OutputFormat.JsonObject();
        }
        extras.hint("response_schema", "responseSchema");
        JsonNode schema = GeminiSchemas.toJsonSchema(openApi);
        if (!schema.equals(openApi)) {
            rest.set("responseSchema", openApi); // the OpenAPI spelling goes back to Gemini as it came
        }
        return new OutputFormat.JsonSchema(null, null, schema, null);
    }
}
