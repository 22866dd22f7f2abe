package dev.lakegate.protocol.gemini;

import static dev.lakegate.protocol.gemini.GeminiRequestReader.G;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Conversation;
import dev.lakegate.protocol.canonical.request.OutputFormat;
import dev.lakegate.protocol.canonical.request.Reasoning;
import dev.lakegate.protocol.canonical.request.Sampling;
import dev.lakegate.protocol.canonical.request.Tool;
import dev.lakegate.protocol.canonical.request.ToolChoice;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes Gemini {@code tools}, {@code toolConfig} and {@code generationConfig}. */
final class GeminiRequestConfigWriter {
    /** Gemini rejects more stop sequences than this. */
    private static final int MAX_STOPS = 5;
    /** The largest budget every Gemini thinking model accepts (Flash's ceiling). */
    private static final int MAX_BUDGET = 24_576;

    private GeminiRequestConfigWriter() {}

    static void write(ObjectNode root, CanonicalRequest r, boolean foreign) {
        Set<String> names = tools(root, r);
        ToolChoice choice = Conversation.toolChoice(r.toolChoice(), names);
        if (choice != null) {
            ObjectNode calling = root.putObject("toolConfig").putObject("functionCallingConfig");
            switch (choice) {
                case ToolChoice.Auto a -> calling.put("mode", foreign ? "AUTO" : r.extras().hint(G, "mode"));
                case ToolChoice.Any a -> calling.put("mode", "ANY");
                case ToolChoice.None n -> calling.put("mode", "NONE");
                case ToolChoice.Named n -> calling.put("mode", "ANY").putArray("allowedFunctionNames").add(n.name());
            }
        }
        ObjectNode g = Json.object();
        Sampling s = r.sampling();
        if (s.temperature() != null) {
            g.put("temperature", s.temperature());
        }
        if (s.topP() != null) {
            g.put("topP", s.topP());
        }
        if (s.topK() != null) {
            g.put("topK", s.topK());
        }
        thinking(g, r.reasoning(), s.maxOutputTokens(), foreign);
        if (s.maxOutputTokens() != null) {
            g.put("maxOutputTokens", s.maxOutputTokens());
        }
        List<String> stops = foreign && s.stopSequences().size() > MAX_STOPS ? s.stopSequences().subList(0, MAX_STOPS) : s.stopSequences();
        if (!stops.isEmpty()) {
            ArrayNode a = g.putArray("stopSequences");
            stops.forEach(a::add);
        }
        format(g, r);
        if (!g.isEmpty()) {
            root.set("generationConfig", g);
        }
    }

    private static Set<String> tools(ObjectNode root, CanonicalRequest r) {
        Set<String> names = new HashSet<>();
        ArrayNode tools = Json.array();
        if (!r.tools().isEmpty()) {
            ArrayNode declarations = tools.addObject().putArray("functionDeclarations");
            for (Tool t : r.tools()) {
                ObjectNode d = declarations.addObject().put("name", t.name());
                if (t.description() != null) {
                    d.put("description", t.description());
                }
                boolean openApi = "parameters".equals(t.extras().hint(G, "schema"));
                if (t.inputSchema() != null && !(openApi && t.extras().field(G, "parameters") != null)) {
                    d.set(openApi ? "parameters" : "parametersJsonSchema", t.inputSchema());
                }
                t.extras().writeInto(G, d);
                names.add(t.name());
            }
        }
        r.otherTools().stream().filter(t -> t.extras().from(G)).forEach(t -> tools.add(t.extras().fields().deepCopy()));
        if (!tools.isEmpty()) {
            root.set("tools", tools);
        }
        return names;
    }

    /**
     * Same-protocol thinking goes back as it came. Foreign thinking becomes a budget (every Gemini
     * thinking model takes one; only Gemini 3 takes levels); switched-off thinking sends nothing,
     * since a budget of 0 is an error on models that cannot stop thinking.
     */
    private static void thinking(ObjectNode g, Reasoning rs, Integer maxOutputTokens, boolean foreign) {
        if (rs == null || foreign && rs.off()) {
            return;
        }
        ObjectNode t = Json.object();
        if (rs.includeThoughts() != null) {
            t.put("includeThoughts", rs.includeThoughts());
        }
        if (!foreign) {
            if (rs.mode() != null) {
                t.put("thinkingBudget", switch (rs.mode()) {
                    case ADAPTIVE -> -1;
                    case DISABLED -> 0;
                    case ENABLED -> rs.budgetTokens() == null ? -1 : rs.budgetTokens();
                });
            }
            if (rs.effort() != null) {
                t.put("thinkingLevel", level(rs.effort()));
            }
        } else if (rs.budget(maxOutputTokens) != null) {
            t.put("thinkingBudget", Math.min(rs.budget(maxOutputTokens), MAX_BUDGET));
        } else if (rs.mode() != null) {
            t.put("thinkingBudget", -1); // thinking on, amount left to the model
        }
        if (!t.isEmpty()) {
            g.set("thinkingConfig", t);
        }
    }

    private static String level(Reasoning.Effort effort) {
        return switch (effort) {
            case NONE, MINIMAL -> "minimal";
            case LOW -> "low";
            case MEDIUM -> "medium";
            case HIGH, XHIGH, MAX -> "high";
        };
    }

    private static void format(ObjectNode g, CanonicalRequest r) {
        switch (r.outputFormat()) {
            case null -> { }
            case OutputFormat.Text t -> g.put("responseMimeType", "text/plain");
            case OutputFormat.JsonObject j -> g.put("responseMimeType", "application/json");
            case OutputFormat.JsonSchema s -> {
                g.put("responseMimeType", "application/json");
                boolean openApi = "responseSchema".equals(r.extras().hint(G, "response_schema"));
                boolean verbatim = r.extras().field(G, "generationConfig") != null && r.extras().field(G, "generationConfig").has("responseSchema");
                if (!verbatim) {
                    g.set(openApi ? "responseSchema" : "responseJsonSchema", s.schema());
                }
            }
        }
    }
}
