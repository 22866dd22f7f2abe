package dev.lakegate.server.provider.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.usage.Usage;
import java.util.Arrays;
import java.util.List;

/**
 * What the scripted model does with one request. Every field is optional: without text, tool calls
 * or error the default answer is given. Queued in Java ({@link ScriptedUpstream#enqueue}), posted as
 * JSON of the same field names to {@code /__scripted/scripts}, or written inline in a prompt after
 * {@code lakegate-script:}.
 *
 * @param model only requests for this upstream model take the script; null matches any
 * @param toolCalls the tools to call; several are parallel calls
 * @param firstByteDelayMs pause before the status line and headers
 * @param eventDelayMs pause between stream events
 * @param failAfterEvents when set, the TCP connection is cut right after this many stream events
 * @param usage token counts to report instead of the (characters + 1) / 4 estimate
 * @param stopReason the stop reason to report instead of TOOL_USE / END_TURN
 */
public record Script(String model, String text, List<ToolCall> toolCalls, Thinking thinking, Failure error,
        long firstByteDelayMs, long eventDelayMs, Integer failAfterEvents, Usage usage, StopReason stopReason) {

    /** @param arguments a JSON object */
    public record ToolCall(String name, JsonNode arguments) {
        public ToolCall {
            require(name != null && !name.isBlank(), "a tool call needs a name");
            require(arguments == null || arguments.isObject(), "tool call arguments must be a JSON object");
            arguments = arguments == null ? Json.object() : arguments;
        }

        public static ToolCall of(String name, String argumentsJson) {
            return new ToolCall(name, Json.parse(argumentsJson, "arguments of tool call '" + name + "'"));
        }
    }

    public record Thinking(String text, String signature) {
        public Thinking {
            require(text != null, "thinking needs a text");
        }
    }

    /** An error answer in the protocol's vendor shape; {@code retryAfterSeconds} adds a retry-after header. */
    public record Failure(int status, String message, Integer retryAfterSeconds) {
        public Failure {
            require(status >= 400 && status <= 599, "error status must be 4xx or 5xx, not " + status);
            message = message == null ? "Scripted error " + status : message;
        }
    }

    /** No overrides at all: the default answer. */
    public static final Script DEFAULT = new Script(null, null, List.of(), null, null, 0, 0, null, null, null);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Script {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        require(firstByteDelayMs >= 0 && eventDelayMs >= 0, "delays cannot be negative");
        require(failAfterEvents == null || failAfterEvents >= 0, "failAfterEvents cannot be negative");
    }

    public static Script text(String text) {
        return DEFAULT.withText(text);
    }

    public static Script toolCalls(ToolCall... calls) {
        return DEFAULT.withToolCalls(calls);
    }

    public static Script error(int status, String message) {
        return DEFAULT.withError(status, message);
    }

    /** Reads a script from JSON, naming the offending field when it cannot. */
    public static Script fromJson(JsonNode json) {
        try {
            return MAPPER.treeToValue(json, Script.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot read script: " + rootMessage(e)
                    + " (fields: model, text, toolCalls[{name, arguments}], thinking{text, signature}, "
                    + "error{status, message, retryAfterSeconds}, firstByteDelayMs, eventDelayMs, failAfterEvents, usage, stopReason)", e);
        }
    }

    public Script withModel(String model) {
        return new Script(model, text, toolCalls, thinking, error, firstByteDelayMs, eventDelayMs, failAfterEvents, usage, stopReason);
    }

    public Script withText(String text) {
        return new Script(model, text, toolCalls, thinking, error, firstByteDelayMs, eventDelayMs, failAfterEvents, usage, stopReason);
    }

    public Script withToolCalls(ToolCall... calls) {
        return new Script(model, text, Arrays.asList(calls), thinking, error, firstByteDelayMs, eventDelayMs, failAfterEvents, usage, stopReason);
    }

    public Script withThinking(String thinkingText, String signature) {
        return new Script(model, text, toolCalls, new Thinking(thinkingText, signature), error, firstByteDelayMs, eventDelayMs, failAfterEvents, usage, stopReason);
    }

    public Script withError(int status, String message) {
        return new Script(model, text, toolCalls, thinking, new Failure(status, message, null), firstByteDelayMs, eventDelayMs, failAfterEvents, usage, stopReason);
    }

    /** Adds a retry-after to this script's error. */
    public Script withRetryAfterSeconds(int seconds) {
        require(error != null, "set an error before its retry-after");
        Failure failure = new Failure(error.status(), error.message(), seconds);
        return new Script(model, text, toolCalls, thinking, failure, firstByteDelayMs, eventDelayMs, failAfterEvents, usage, stopReason);
    }

    public Script withFirstByteDelayMs(long ms) {
        return new Script(model, text, toolCalls, thinking, error, ms, eventDelayMs, failAfterEvents, usage, stopReason);
    }

    public Script withEventDelayMs(long ms) {
        return new Script(model, text, toolCalls, thinking, error, firstByteDelayMs, ms, failAfterEvents, usage, stopReason);
    }

    public Script withFailAfterEvents(int events) {
        return new Script(model, text, toolCalls, thinking, error, firstByteDelayMs, eventDelayMs, events, usage, stopReason);
    }

    public Script withUsage(Usage usage) {
        return new Script(model, text, toolCalls, thinking, error, firstByteDelayMs, eventDelayMs, failAfterEvents, usage, stopReason);
    }

    public Script withStopReason(StopReason reason) {
        return new Script(model, text, toolCalls, thinking, error, firstByteDelayMs, eventDelayMs, failAfterEvents, usage, reason);
    }

    boolean matches(String requestModel) {
        return model == null || model.equals(requestModel);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
