package dev.lakegate.protocol.openai.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.ResponseWriter;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamOptions;
import java.time.InstantSource;

/**
 * OpenAI Chat Completions: a {@code chat.completion}, or {@code chat.completion.chunk} SSE events
 * ending in {@code [DONE]}. OpenAI sends no reasoning text on this API, so thinking is dropped.
 */
public final class ChatResponseWriter implements ResponseWriter {
    private final InstantSource clock;

    public ChatResponseWriter(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public WireProtocol protocol() {
        return WireProtocol.OPENAI_CHAT;
    }

    @Override
    public byte[] unary(CanonicalResponse r) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.array();
        for (ContentBlock block : r.content()) {
            switch (block) {
                case ContentBlock.Text t -> text.append(t.text());
                case ContentBlock.ToolUse t -> calls.add(ChatWire.toolCall(t.id(), t.name(), Json.string(t.input())));
                case ContentBlock.Thinking ignored -> { }
                // Chat carries no reasoning; the rest only occur in requests
                case ContentBlock.RedactedThinking ignored -> { }
                case ContentBlock.Image ignored -> { }
                case ContentBlock.ToolResult ignored -> { }
                case ContentBlock.Opaque ignored -> { }
            }
        }
        ObjectNode message = Json.object().put("role", "assistant");
        message.put("content", text.isEmpty() && !calls.isEmpty() ? null : text.toString());
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        message.putNull("refusal");
        message.putArray("annotations");
        ObjectNode completion = ChatWire.envelope(r.id(), "chat.completion", clock.instant().getEpochSecond(), r.model());
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", ChatWire.finishReason(r.stopReason()));
        completion.set("usage", ChatWire.usage(r.usage()));
        return Json.bytes(completion);
    }

    @Override
    public StreamEncoder stream(StreamOptions options) {
        return new ChatStreamEncoder(clock, options.includeUsage());
    }
}
