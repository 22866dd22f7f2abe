package dev.lakegate.protocol.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamEvent;
import dev.lakegate.protocol.sse.SseEvent;
import dev.lakegate.protocol.sse.SseWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Anthropic's stream: {@code message_start}, then per content block {@code content_block_start},
 * deltas and {@code content_block_stop} under one index, then {@code message_delta} (stop reason and
 * cumulative usage) and {@code message_stop}.
 */
final class AnthropicStreamEncoder implements StreamEncoder {
    private enum Block { NONE, TEXT, THINKING, TOOL }

    private Block open = Block.NONE;
    private int index = -1;

    @Override
    public String contentType() {
        return "text/event-stream; charset=utf-8";
    }

    @Override
    public List<byte[]> encode(StreamEvent event) {
        List<byte[]> out = new ArrayList<>(3);
        switch (event) {
            case StreamEvent.Start s -> out.add(sse("message_start",
                    event("message_start").set("message", AnthropicWire.message(s.id(), s.model(), List.of(), null, s.usage()))));
            case StreamEvent.TextDelta d -> {
                ensure(Block.TEXT, out, () -> Json.object().put("type", "text").put("text", ""));
                out.add(delta(Json.object().put("type", "text_delta").put("text", d.text())));
            }
            case StreamEvent.ThinkingDelta d -> {
                ensure(Block.THINKING, out, () -> Json.object().put("type", "thinking").put("thinking", ""));
                out.add(delta(Json.object().put("type", "thinking_delta").put("thinking", d.text())));
            }
            case StreamEvent.ThinkingSignature s -> {
                ensure(Block.THINKING, out, () -> Json.object().put("type", "thinking").put("thinking", ""));
                out.add(delta(Json.object().put("type", "signature_delta").put("signature", s.signature())));
            }
            case StreamEvent.ToolCallStart t -> {
                close(out);
                ObjectNode block = Json.object().put("type", "tool_use").put("id", t.id()).put("name", t.name());
                block.putObject("input");
                start(Block.TOOL, block, out);
            }
            case StreamEvent.ToolCallDelta d -> {
                if (open != Block.TOOL) {
                    throw new IllegalStateException("Tool call arguments arrived before the tool call started");
                }
                out.add(delta(Json.object().put("type", "input_json_delta").put("partial_json", d.argumentsJson())));
            }
            case StreamEvent.Finish f -> {
                close(out);
                ObjectNode md = event("message_delta");
                md.putObject("delta").put("stop_reason", AnthropicWire.stopReason(f.stopReason())).putNull("stop_sequence");
                md.set("usage", AnthropicWire.usage(f.usage()));
                out.add(sse("message_delta", md));
                out.add(sse("message_stop", event("message_stop")));
            }
        }
        return out;
    }

    private void ensure(Block kind, List<byte[]> out, Supplier<ObjectNode> block) {
        if (open != kind) {
            close(out);
            start(kind, block.get(), out);
        }
    }

    private void start(Block kind, ObjectNode block, List<byte[]> out) {
        open = kind;
        index++;
        ObjectNode e = event("content_block_start").put("index", index);
        e.set("content_block", block);
        out.add(sse("content_block_start", e));
    }

    private void close(List<byte[]> out) {
        if (open != Block.NONE) {
            out.add(sse("content_block_stop", event("content_block_stop").put("index", index)));
            open = Block.NONE;
        }
    }

    private byte[] delta(ObjectNode delta) {
        ObjectNode e = event("content_block_delta").put("index", index);
        e.set("delta", delta);
        return sse("content_block_delta", e);
    }

    private static ObjectNode event(String type) {
        return Json.object().put("type", type);
    }

    private static byte[] sse(String name, ObjectNode data) {
        return SseWriter.encode(SseEvent.named(name, Json.string(data)));
    }
}
