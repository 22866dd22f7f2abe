package dev.lakegate.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamEvent;
import dev.lakegate.protocol.sse.SseEvent;
import dev.lakegate.protocol.sse.SseWriter;
import dev.lakegate.protocol.usage.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini stream chunks: each a whole {@code GenerateContentResponse} with the new parts, prompt-only
 * usage, and on the last one {@code finishReason} and the full usage. Gemini sends a function call
 * whole, never as argument deltas, so a tool call is held until it is complete (bounded). Framed as
 * SSE {@code data:} events (no names, no {@code [DONE]}) or as the JSON array Gemini sends without
 * {@code alt=sse}: {@code [} element {@code \n,\r\n} element … {@code \n]}.
 */
final class GeminiStreamEncoder implements StreamEncoder {
    /** A hostile upstream must not make us buffer without end. */
    static final int MAX_TOOL_ARGUMENTS_CHARS = 8 << 20;

    private final Framing framing;
    private String id;
    private String model;
    private Usage promptUsage;
    private int chunks;
    private String pendingSignature;
    private String toolName;
    private StringBuilder toolArguments;

    GeminiStreamEncoder(Framing framing) {
        this.framing = framing;
    }

    @Override
    public String contentType() {
        return framing == Framing.SSE ? "text/event-stream" : "application/json; charset=UTF-8";
    }

    @Override
    public List<byte[]> encode(StreamEvent event) {
        List<byte[]> out = new ArrayList<>(2);
        switch (event) {
            case StreamEvent.Start s -> {
                id = s.id();
                model = s.model();
                promptUsage = s.usage();
            }
            case StreamEvent.ThinkingDelta d -> emit(GeminiWire.thoughtPart(d.text()), out);
            case StreamEvent.ThinkingSignature s -> {
                flushTool(out);
                pendingSignature = s.signature();
            }
            case StreamEvent.TextDelta d -> emit(GeminiWire.textPart(d.text()), out);
            case StreamEvent.ToolCallStart t -> {
                flushTool(out);
                toolName = t.name();
                toolArguments = new StringBuilder();
            }
            case StreamEvent.ToolCallDelta d -> {
                if (toolArguments == null) {
                    throw new IllegalStateException("Tool call arguments arrived before the tool call started");
                }
                if (toolArguments.length() + d.argumentsJson().length() > MAX_TOOL_ARGUMENTS_CHARS) {
                    throw new IllegalStateException("Tool call '" + toolName + "' arguments exceed " + MAX_TOOL_ARGUMENTS_CHARS + " characters");
                }
                toolArguments.append(d.argumentsJson());
            }
            case StreamEvent.Finish f -> {
                // The finish reason rides on a last chunk with a part: the held tool call, or an empty text as Gemini sends.
                ObjectNode last = toolArguments != null ? takeTool() : GeminiWire.textPart("");
                out.add(chunk(signed(last), GeminiWire.finishReason(f.stopReason()), GeminiWire.usageMetadata(f.usage(), true), true));
            }
        }
        return out;
    }

    private void emit(ObjectNode part, List<byte[]> out) {
        flushTool(out);
        boolean thought = part.has("thought");
        out.add(chunk(thought ? part : signed(part), null, GeminiWire.usageMetadata(started(), false), false));
    }

    private void flushTool(List<byte[]> out) {
        if (toolArguments != null) {
            out.add(chunk(signed(takeTool()), null, GeminiWire.usageMetadata(started(), false), false));
        }
    }

    private ObjectNode takeTool() {
        String args = toolArguments.toString().strip();
        JsonNode parsed = args.isEmpty() ? Json.object() : Json.parse(args, "arguments of tool call '" + toolName + "'");
        ObjectNode part = GeminiWire.functionCallPart(toolName, parsed);
        toolArguments = null;
        toolName = null;
        return part;
    }

    private ObjectNode signed(ObjectNode part) {
        if (pendingSignature != null) {
            part.put("thoughtSignature", pendingSignature);
            pendingSignature = null;
        }
        return part;
    }

    private Usage started() {
        if (id == null) {
            throw new IllegalStateException("Stream events arrived before Start");
        }
        return promptUsage;
    }

    private byte[] chunk(ObjectNode part, String finishReason, ObjectNode usage, boolean last) {
        started();
        String json = Json.string(GeminiWire.response(List.of(part), finishReason, usage, model, id));
        if (framing == Framing.SSE) {
            return SseWriter.encode(SseEvent.data(json));
        }
        String framed = (chunks++ == 0 ? "[" : "\n,\r\n") + json + (last ? "\n]" : "");
        return framed.getBytes(StandardCharsets.UTF_8);
    }
}
