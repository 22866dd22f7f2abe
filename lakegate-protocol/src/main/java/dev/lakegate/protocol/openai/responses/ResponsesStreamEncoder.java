package dev.lakegate.protocol.openai.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamEvent;
import dev.lakegate.protocol.openai.responses.OutputItem.Kind;
import dev.lakegate.protocol.sse.SseEvent;
import dev.lakegate.protocol.sse.SseWriter;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The Responses stream: {@code response.created}, {@code response.in_progress}, then per output
 * item {@code output_item.added}, its part/delta/done events and {@code output_item.done}, then
 * {@code response.completed} (or {@code .incomplete}/{@code .failed}) with usage. Every event has a
 * {@code sequence_number}. Only standard event types: Codex parses them strictly, and a stream
 * without a terminal response event makes it reconnect.
 */
final class ResponsesStreamEncoder implements StreamEncoder {
    private final InstantSource clock;
    private final ArrayNode output = Json.array();
    private String responseId;
    private String model;
    private long createdAt;
    private int sequence;
    private OutputItem open;
    private ObjectNode finalResponse;

    ResponsesStreamEncoder(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public String contentType() {
        return "text/event-stream; charset=utf-8";
    }

    @Override
    public List<byte[]> encode(StreamEvent event) {
        List<byte[]> out = new ArrayList<>(4);
        switch (event) {
            case StreamEvent.Start s -> {
                responseId = s.id();
                model = s.model();
                createdAt = clock.instant().getEpochSecond();
                out.add(emit("response.created", inProgress()));
                out.add(emit("response.in_progress", inProgress()));
            }
            case StreamEvent.ThinkingDelta d -> {
                ensure(Kind.REASONING, null, null, out);
                open.text.append(d.text());
                out.add(emit("response.reasoning_summary_text.delta", summaryRef().put("delta", d.text())));
            }
            case StreamEvent.ThinkingSignature s -> {
                ensure(Kind.REASONING, null, null, out);
                open.signature = s.signature(); // sent as encrypted_content when the item is done
            }
            case StreamEvent.TextDelta d -> {
                ensure(Kind.MESSAGE, null, null, out);
                open.text.append(d.text());
                out.add(emit("response.output_text.delta", contentRef().put("delta", d.text())));
            }
            case StreamEvent.ToolCallStart t -> ensure(Kind.FUNCTION_CALL, t.id(), t.name(), out);
            case StreamEvent.ToolCallDelta d -> {
                if (open == null || open.kind != Kind.FUNCTION_CALL) {
                    throw new IllegalStateException("Tool call arguments arrived before the tool call started");
                }
                open.text.append(d.argumentsJson());
                out.add(emit("response.function_call_arguments.delta", itemRef().put("delta", d.argumentsJson())));
            }
            case StreamEvent.Finish f -> {
                ResponsesWire.Ending ending = ResponsesWire.ending(f.stopReason());
                close(ending.status().equals("completed") ? "completed" : "incomplete", out);
                finalResponse = ResponsesWire.response(responseId, createdAt, model, ending, output, f.usage());
                out.add(emit(ending.event(), Json.object().set("response", finalResponse)));
            }
        }
        return out;
    }

    /** The complete response object once {@link StreamEvent.Finish} was encoded: the unary body. */
    ObjectNode finalResponse() {
        if (finalResponse == null) {
            throw new IllegalStateException("The response has not finished");
        }
        return finalResponse;
    }

    private void ensure(Kind kind, String callId, String name, List<byte[]> out) {
        if (open != null && open.kind == kind && kind != Kind.FUNCTION_CALL) {
            return;
        }
        close(out);
        if (responseId == null) {
            throw new IllegalStateException("Stream events arrived before Start");
        }
        int index = output.size();
        String prefix = switch (kind) {
            case REASONING -> "rs";
            case MESSAGE -> "msg";
            case FUNCTION_CALL -> "fc";
        };
        open = new OutputItem(kind, itemId(prefix, index), index, callId, name);
        out.add(emit("response.output_item.added", outputIndex().set("item", open.node(null))));
        switch (kind) {
            case REASONING -> out.add(emit("response.reasoning_summary_part.added", summaryRef().set("part", open.summaryPart())));
            case MESSAGE -> out.add(emit("response.content_part.added", contentRef().set("part", open.textPart())));
            case FUNCTION_CALL -> { }
        }
    }

    private void close(List<byte[]> out) {
        close("completed", out);
    }

    private void close(String itemStatus, List<byte[]> out) {
        if (open == null) {
            return;
        }
        String text = open.text.toString();
        switch (open.kind) {
            case REASONING -> {
                out.add(emit("response.reasoning_summary_text.done", summaryRef().put("text", text)));
                out.add(emit("response.reasoning_summary_part.done", summaryRef().set("part", open.summaryPart())));
            }
            case MESSAGE -> {
                out.add(emit("response.output_text.done", contentRef().put("text", text)));
                out.add(emit("response.content_part.done", contentRef().set("part", open.textPart())));
            }
            case FUNCTION_CALL -> out.add(emit("response.function_call_arguments.done", itemRef().put("arguments", text)));
        }
        ObjectNode item = open.node(itemStatus);
        output.add(item);
        out.add(emit("response.output_item.done", outputIndex().set("item", item)));
        open = null;
    }

    /** Item ids derive from the response id, so a response's ids are unique and tests are deterministic. */
    private String itemId(String prefix, int index) {
        int underscore = responseId.indexOf('_');
        return prefix + "_" + responseId.substring(underscore + 1) + "_" + index;
    }

    private ObjectNode inProgress() {
        return Json.object().set("response", ResponsesWire.response(responseId, createdAt, model, null, Json.array(), null));
    }

    private ObjectNode outputIndex() {
        return Json.object().put("output_index", open.outputIndex);
    }

    private ObjectNode itemRef() {
        return Json.object().put("item_id", open.id).put("output_index", open.outputIndex);
    }

    private ObjectNode contentRef() {
        return itemRef().put("content_index", 0);
    }

    private ObjectNode summaryRef() {
        return itemRef().put("summary_index", 0);
    }

    private byte[] emit(String type, ObjectNode fields) {
        ObjectNode data = Json.object().put("type", type).put("sequence_number", sequence++);
        data.setAll(fields);
        return SseWriter.encode(SseEvent.named(type, Json.string(data)));
    }
}
