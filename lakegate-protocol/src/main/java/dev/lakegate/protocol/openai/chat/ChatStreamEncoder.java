package dev.lakegate.protocol.openai.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamEvent;
import dev.lakegate.protocol.sse.SseEvent;
import dev.lakegate.protocol.sse.SseWriter;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;

/**
 * Chat chunks: a role delta first, content and {@code tool_calls} deltas (tool calls numbered by
 * {@code index}), a chunk carrying {@code finish_reason}, a {@code choices: []} usage chunk when the
 * client asked for usage (then every other chunk carries {@code "usage": null}), then {@code [DONE]}.
 */
final class ChatStreamEncoder implements StreamEncoder {
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final InstantSource clock;
    private final boolean includeUsage;
    private ObjectNode envelope;
    private int toolIndex = -1;

    ChatStreamEncoder(InstantSource clock, boolean includeUsage) {
        this.clock = clock;
        this.includeUsage = includeUsage;
    }

    @Override
    public String contentType() {
        return "text/event-stream; charset=utf-8";
    }

    @Override
    public List<byte[]> encode(StreamEvent event) {
        return switch (event) {
            case StreamEvent.Start s -> {
                envelope = ChatWire.envelope(s.id(), "chat.completion.chunk", clock.instant().getEpochSecond(), s.model());
                yield List.of(chunk(Json.object().put("role", "assistant").put("content", "").putNull("refusal"), null));
            }
            case StreamEvent.TextDelta d -> List.of(chunk(Json.object().put("content", d.text()), null));
            case StreamEvent.ThinkingDelta ignored -> List.of();
            case StreamEvent.ThinkingSignature ignored -> List.of();
            case StreamEvent.ToolCallStart t -> {
                toolIndex++;
                ObjectNode call = Json.object().put("index", toolIndex);
                call.setAll(ChatWire.toolCall(t.id(), t.name(), ""));
                yield List.of(chunk(toolCalls(call), null));
            }
            case StreamEvent.ToolCallDelta d -> {
                if (toolIndex < 0) {
                    throw new IllegalStateException("Tool call arguments arrived before the tool call started");
                }
                ObjectNode call = Json.object().put("index", toolIndex);
                call.putObject("function").put("arguments", d.argumentsJson());
                yield List.of(chunk(toolCalls(call), null));
            }
            case StreamEvent.Finish f -> {
                byte[] finish = chunk(Json.object(), ChatWire.finishReason(f.stopReason()));
                if (!includeUsage) {
                    yield List.of(finish, DONE);
                }
                ObjectNode usage = started().deepCopy();
                usage.putArray("choices");
                usage.set("usage", ChatWire.usage(f.usage()));
                yield List.of(finish, sse(usage), DONE);
            }
        };
    }

    private static ObjectNode toolCalls(ObjectNode call) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private byte[] chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = started().deepCopy();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return sse(chunk);
    }

    private ObjectNode started() {
        if (envelope == null) {
            throw new IllegalStateException("Stream events arrived before Start");
        }
        return envelope;
    }

    private static byte[] sse(ObjectNode data) {
        return SseWriter.encode(SseEvent.data(Json.string(data)));
    }
}
