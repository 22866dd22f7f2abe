package dev.lakegate.protocol.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Folds a canonical event stream back into the complete answer, the inverse of
 * {@link StreamEvents#from}: unary reading, non-streaming clients of streaming upstreams, payload
 * logging. Holds the whole answer, so it is not for the streaming path itself. Blocks follow the
 * stream's implicit boundaries: a delta of another kind, a {@link StreamEvent.ToolCallStart}, or a
 * thinking delta after a signature begins a new block.
 */
public final class ResponseAssembler implements Consumer<StreamEvent> {
    private enum Open { NONE, TEXT, THINKING, TOOL }

    private final List<ContentBlock> blocks = new ArrayList<>();
    private final StringBuilder buffer = new StringBuilder();
    private Open open = Open.NONE;
    private String toolId;
    private String toolName;
    private StreamEvent.Start start;
    private CanonicalResponse response;

    @Override
    public void accept(StreamEvent event) {
        if (response != null) {
            throw new IllegalStateException("Events after Finish");
        }
        switch (event) {
            case StreamEvent.Start s -> start = s;
            case StreamEvent.TextDelta d -> append(Open.TEXT, d.text());
            case StreamEvent.ThinkingDelta d -> append(Open.THINKING, d.text());
            case StreamEvent.ThinkingSignature s -> {
                String text = "";
                if (open == Open.THINKING) { // the signature closes this block
                    text = buffer.toString();
                    open = Open.NONE;
                    buffer.setLength(0);
                }
                close();
                blocks.add(new ContentBlock.Thinking(text, s.signature()));
            }
            case StreamEvent.ToolCallStart t -> {
                close();
                open = Open.TOOL;
                toolId = t.id();
                toolName = t.name();
            }
            case StreamEvent.ToolCallDelta d -> {
                if (open != Open.TOOL) {
                    throw new IllegalStateException("Tool call arguments arrived before the tool call started");
                }
                buffer.append(d.argumentsJson());
            }
            case StreamEvent.Finish f -> {
                if (start == null) {
                    throw new IllegalStateException("Finish arrived before Start");
                }
                close();
                response = new CanonicalResponse(start.id(), start.model(), blocks, f.stopReason(), f.usage());
            }
        }
    }

    /** Adds a block no stream event carries, after what was streamed so far. */
    public void block(ContentBlock block) {
        if (response != null) {
            throw new IllegalStateException("Blocks after Finish");
        }
        close();
        blocks.add(block);
    }

    /** The answer, once Finish was accepted. */
    public CanonicalResponse response() {
        if (response == null) {
            throw new IllegalStateException("The stream has not finished");
        }
        return response;
    }

    private void append(Open kind, String text) {
        if (open != kind) {
            close();
            open = kind;
        }
        buffer.append(text);
    }

    private void close() {
        switch (open) {
            case NONE -> { }
            case TEXT -> blocks.add(new ContentBlock.Text(buffer.toString()));
            case THINKING -> blocks.add(new ContentBlock.Thinking(buffer.toString(), null));
            case TOOL -> blocks.add(new ContentBlock.ToolUse(toolId, toolName, arguments()));
        }
        open = Open.NONE;
        buffer.setLength(0);
    }

    /** No arguments at all means an empty object, as every protocol treats a call without parameters. */
    private JsonNode arguments() {
        String json = buffer.toString();
        if (json.isBlank()) {
            return Json.object();
        }
        JsonNode input;
        try {
            input = Json.parse(json, "tool call arguments");
        } catch (IllegalArgumentException e) {
            input = null;
        }
        if (input == null || !input.isObject()) {
            throw new GatewayException(ErrorCategory.UPSTREAM_ERROR, "The arguments of tool call '" + toolName + "' (" + toolId
                    + ") are not a JSON object: " + abbreviate(json) + ". The model produced invalid tool input; retry the request.");
        }
        return input;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
