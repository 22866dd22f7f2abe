package dev.lakegate.server.provider.scripted;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.canonical.StreamEvents;
import dev.lakegate.protocol.usage.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Turns a script (or none) and a request into the canonical answer the writers put on the wire. */
final class Answers {
    static final String INLINE_MARKER = "lakegate-script:";
    private static final int ECHO_CHARS = 200;
    /** How much of a tool result the default answer to a tool-result turn quotes. */
    static final int TOOL_RESULT_CHARS = 300;
    static final String TOOL_RESULT_PREFIX = "Tool result received: ";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Answers() {}

    /**
     * @param toolResult the text of the tool result(s) that end the conversation ({@link #lastToolResult}),
     *     or null: the default answer then quotes it instead of echoing the prompt
     */
    static CanonicalResponse answer(Script script, VendorCall call, String toolResult, int requestChars) {
        List<ContentBlock> content = new ArrayList<>();
        long reasoningChars = 0;
        if (script.thinking() != null) {
            content.add(new ContentBlock.Thinking(script.thinking().text(), script.thinking().signature()));
            reasoningChars = script.thinking().text().length();
        }
        String text = script.text();
        if (text == null && script.toolCalls().isEmpty()) {
            text = toolResult != null ? toolResultText(toolResult) : defaultText(call);
        }
        if (text != null) {
            content.add(new ContentBlock.Text(text));
        }
        for (Script.ToolCall t : script.toolCalls()) {
            content.add(new ContentBlock.ToolUse(id(toolCallPrefix(call.protocol())), t.name(), t.arguments()));
        }
        StopReason stop = script.stopReason() != null ? script.stopReason()
                : script.toolCalls().isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE;
        String id = responseId(call.protocol());
        // Without scripted counts, the gateway's own (characters + 1) / 4 estimate, so tests can predict them; reported as counted.
        Usage usage = script.usage() != null ? script.usage() : new Usage(Usage.estimateTokens(requestChars),
                Usage.estimateTokens(StreamEvents.characters(new CanonicalResponse(id, call.model(), content, stop, Usage.NONE))), 0, 0,
                reasoningChars == 0 ? 0 : Usage.estimateTokens(reasoningChars), false);
        return new CanonicalResponse(id, call.model(), content, stop, usage);
    }

    /** The script written in the prompt after {@code lakegate-script:}, or null when there is none. */
    static Script inline(String lastUserText) {
        int at = lastUserText.indexOf(INLINE_MARKER);
        if (at < 0) {
            return null;
        }
        try (JsonParser p = MAPPER.createParser(lastUserText.substring(at + INLINE_MARKER.length()))) {
            JsonNode json = MAPPER.readTree(p); // reads the first JSON value only; prose may follow it
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("Cannot read inline script: '" + INLINE_MARKER + "' must be followed by a JSON object");
            }
            return Script.fromJson(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot read inline script after '" + INLINE_MARKER + "': " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail otherwise
        }
    }

    static String defaultText(VendorCall call) {
        return "Hello from the Lakegate scripted model " + call.model() + ". You said: " + clip(call.lastUserText(), ECHO_CHARS);
    }

    /** The default answer to a tool-result turn, so an agent's final answer is built from its tool's output. */
    static String toolResultText(String toolResult) {
        return TOOL_RESULT_PREFIX + clip(toolResult, TOOL_RESULT_CHARS);
    }

    /**
     * The text of the tool results the conversation ends with, or null when its last message (system and
     * developer messages skipped) is no tool result: Anthropic {@code tool_result} blocks, a Chat {@code tool}
     * message, Responses {@code function_call_output} items, Gemini {@code functionResponse} parts. Several
     * results (parallel calls) are joined by newlines.
     */
    static String lastToolResult(WireProtocol p, JsonNode body) {
        List<String> results = new ArrayList<>();
        switch (p) {
            case ANTHROPIC -> {
                JsonNode last = lastMessage(body.path("messages"));
                for (JsonNode block : last.path("content")) {
                    if (block.path("type").asText().equals("tool_result")) {
                        results.add(text(block.path("content")));
                    }
                }
            }
            case OPENAI_CHAT -> {
                JsonNode last = lastMessage(body.path("messages"));
                if (last.path("role").asText().equals("tool")) {
                    results.add(text(last.path("content")));
                }
            }
            case OPENAI_RESPONSES -> {
                JsonNode input = body.path("input");
                for (int i = input.size() - 1; i >= 0; i--) {
                    String type = input.get(i).path("type").asText();
                    if (!type.equals("function_call_output") && !type.equals("custom_tool_call_output")) {
                        break;
                    }
                    results.addFirst(text(input.get(i).path("output")));
                }
            }
            case GEMINI -> {
                for (JsonNode part : lastMessage(body.path("contents")).path("parts")) {
                    JsonNode response = part.path("functionResponse").path("response");
                    if (!response.isMissingNode()) {
                        JsonNode output = response.has("output") ? response.path("output") : response.path("content");
                        results.add(output.isMissingNode() ? Json.string(response) : text(output));
                    }
                }
            }
        }
        return results.isEmpty() ? null : String.join("\n", results);
    }

    /** The last message that is not a system or developer message, or a missing node. */
    private static JsonNode lastMessage(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            String role = messages.get(i).path("role").asText("");
            if (!role.equals("system") && !role.equals("developer")) {
                return messages.get(i);
            }
        }
        return MissingNode.getInstance();
    }

    /** A string as it is; the {@code text} of an array's parts, joined; any other value as JSON. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            List<String> parts = new ArrayList<>();
            content.forEach(part -> parts.add(part.isTextual() ? part.asText() : part.path("text").asText("")));
            return String.join("\n", parts);
        }
        return content.isMissingNode() || content.isNull() ? "" : Json.string(content);
    }

    private static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
    }

    private static String responseId(WireProtocol p) {
        return switch (p) {
            case ANTHROPIC -> id("msg_");
            case OPENAI_CHAT -> id("chatcmpl-");
            case OPENAI_RESPONSES -> id("resp_");
            case GEMINI -> id("");
        };
    }

    private static String toolCallPrefix(WireProtocol p) {
        return switch (p) {
            case ANTHROPIC -> "toolu_";
            case OPENAI_CHAT, OPENAI_RESPONSES, GEMINI -> "call_";
        };
    }

    /** A vendor-looking random id: prefix plus 24 hex digits. */
    static String id(String prefix) {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }
}
