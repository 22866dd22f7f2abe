package dev.lakegate.protocol.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Conversation;
import dev.lakegate.protocol.canonical.request.Message;
import dev.lakegate.protocol.canonical.request.OutputFormat;
import dev.lakegate.protocol.canonical.request.Reasoning;
import dev.lakegate.protocol.canonical.request.Sampling;
import dev.lakegate.protocol.canonical.request.ToolChoice;
import java.util.List;
import java.util.Set;

/**
 * The Anthropic options that constrain each other: tool choice with the parallel flag, thinking with
 * max_tokens and sampling, output format and effort.
 */
final class AnthropicRequestThinking {
    private static final int MIN_BUDGET = 1024;

    private AnthropicRequestThinking() {}

    static void write(ObjectNode root, CanonicalRequest r, List<Message> messages, Set<String> toolNames, boolean foreign) {
        toolChoice(root, r, toolNames);
        Integer budget = foreign ? foreignBudget(r, root.get("max_tokens").intValue(), messages) : null;
        if (!foreign && r.reasoning() != null && r.reasoning().mode() != null) {
            ObjectNode thinking = root.putObject("thinking").put("type", switch (r.reasoning().mode()) {
                case ENABLED -> "enabled";
                case ADAPTIVE -> "adaptive";
                case DISABLED -> "disabled";
            });
            if (r.reasoning().budgetTokens() != null) {
                thinking.put("budget_tokens", r.reasoning().budgetTokens());
            }
        } else if (budget != null) {
            root.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        }
        ObjectNode output = Json.object();
        if (!foreign && r.reasoning() != null && r.reasoning().effort() != null) {
            output.put("effort", AnthropicRequestOptions.effort(r.reasoning().effort()));
        }
        if (r.outputFormat() instanceof OutputFormat.JsonSchema js) {
            output.putObject("format").put("type", "json_schema").set("schema", js.schema());
        }
        if (!output.isEmpty()) {
            root.set("output_config", output);
        }
        sampling(root, r.sampling(), foreign, budget != null);
    }

    private static void toolChoice(ObjectNode root, CanonicalRequest r, Set<String> toolNames) {
        ToolChoice choice = Conversation.toolChoice(r.toolChoice(), toolNames);
        Boolean parallel = toolNames.isEmpty() ? null : r.parallelToolCalls();
        if (choice == null && Boolean.FALSE.equals(parallel)) {
            choice = new ToolChoice.Auto(); // Anthropic keeps the parallel switch inside tool_choice
        }
        if (choice == null) {
            return;
        }
        ObjectNode c = root.putObject("tool_choice");
        switch (choice) {
            case ToolChoice.Auto a -> c.put("type", "auto");
            case ToolChoice.Any a -> c.put("type", "any");
            case ToolChoice.None n -> c.put("type", "none");
            case ToolChoice.Named n -> c.put("type", "tool").put("name", n.name());
        }
        if (parallel != null && !(choice instanceof ToolChoice.None)) {
            c.put("disable_parallel_tool_use", !parallel);
        }
    }

    /**
     * Thinking for a request from another protocol, as an explicit budget (the one form every
     * thinking-capable Claude model accepts); null for no thinking. Anthropic requires a budget of at
     * least 1024 below max_tokens, and a tool loop whose last assistant turn starts with signed thinking,
     * which foreign histories never have: such requests go without thinking.
     */
    private static Integer foreignBudget(CanonicalRequest r, int maxTokens, List<Message> messages) {
        Reasoning rs = r.reasoning();
        if (rs == null || rs.off()) {
            return null;
        }
        Integer budget = rs.budget(maxTokens);
        if (budget == null && rs.mode() != null) {
            budget = new Reasoning(null, Reasoning.Effort.MEDIUM, null, null).budget(maxTokens); // on, amount unspecified
        }
        if (budget == null) {
            return null; // "show thoughts if any" (Gemini includeThoughts) does not ask for thinking
        }
        budget = Math.min(Math.max(budget, MIN_BUDGET), maxTokens - 1);
        return budget < MIN_BUDGET || inToolLoopWithoutThinking(messages) ? null : budget;
    }

    private static boolean inToolLoopWithoutThinking(List<Message> messages) {
        for (Message m : messages.reversed()) {
            if (m.role() == Message.Role.ASSISTANT) {
                boolean calls = m.content().stream().anyMatch(ContentBlock.ToolUse.class::isInstance);
                ContentBlock first = m.content().isEmpty() ? null : m.content().getFirst();
                return calls && !(first instanceof ContentBlock.Thinking || first instanceof ContentBlock.RedactedThinking);
            }
        }
        return false;
    }

    /**
     * With thinking on, Anthropic takes temperature 1 only, no top_k and top_p from 0.95; newer models
     * also refuse temperature and top_p together. For foreign requests the conflicting values are
     * dropped (temperature wins over top_p).
     */
    private static void sampling(ObjectNode root, Sampling s, boolean foreign, boolean thinking) {
        Double temperature = s.temperature();
        Double topP = s.topP();
        Integer topK = s.topK();
        if (foreign && thinking) {
            temperature = temperature != null && temperature == 1.0 ? temperature : null;
            topP = topP != null && topP >= 0.95 ? topP : null;
            topK = null;
        }
        if (foreign && temperature != null) {
            topP = null;
        }
        if (temperature != null) {
            root.put("temperature", temperature);
        }
        if (topP != null) {
            root.put("top_p", topP);
        }
        if (topK != null) {
            root.put("top_k", topK);
        }
        if (!s.stopSequences().isEmpty()) {
            ArrayNode stops = root.putArray("stop_sequences");
            s.stopSequences().forEach(stops::add);
        }
    }
}
