package dev.lakegate.protocol.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalEmitter;
import dev.lakegate.protocol.canonical.DocumentDecoder;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.canonical.UpstreamErrors;
import dev.lakegate.protocol.canonical.UpstreamJson;

/**
 * Chat chunks: deltas of choice 0 (reasoning, content, refusal, {@code tool_calls} by index), a chunk
 * with {@code finish_reason}, an optional {@code choices: []} usage chunk, {@code [DONE]}. A unary
 * {@code chat.completion}'s message is read as one big delta. {@code reasoning_content} (DeepSeek,
 * vLLM) and {@code reasoning} (OpenRouter, Ollama) become thinking; OpenAI itself sends neither.
 */
final class ChatStreamDecoder implements DocumentDecoder {
    private static final WireProtocol PROTOCOL = WireProtocol.OPENAI_CHAT;

    private final CanonicalEmitter out;
    private final ChatToolCalls calls;
    private StopReason stop;
    private boolean refused;
    private boolean done;

    ChatStreamDecoder(CanonicalEmitter out) {
        this.out = out;
        this.calls = new ChatToolCalls(out);
    }

    @Override
    public void onDocument(String event, JsonNode chunk) {
        if (!done) {
            read(chunk, "delta");
        }
    }

    @Override
    public void onDone() {
        done = true;
    }

    /** A {@code chat.completion} body. */
    void onCompletion(JsonNode completion) {
        read(completion, "message");
    }

    @Override
    public StopReason stopReason() {
        calls.flush();
        if (stop == null) {
            throw UpstreamErrors.malformed(PROTOCOL, "the response ended without a finish_reason");
        }
        return refused && stop == StopReason.END_TURN ? StopReason.REFUSAL : stop;
    }

    private void read(JsonNode document, String messageField) {
        if (document.path("error").isObject()) {
            throw UpstreamErrors.inStream(PROTOCOL, document);
        }
        out.start(UpstreamJson.text(document, "id"), UpstreamJson.text(document, "model"), null);
        for (JsonNode choice : document.path("choices")) {
            if (UpstreamJson.integer(choice, "index", 0) == 0) { // n > 1 is not translated: the canonical model has one answer
                onChoice(choice, choice.path(messageField));
                return;
            }
        }
    }

    private void onChoice(JsonNode choice, JsonNode message) {
        String reasoning = UpstreamJson.text(message, "reasoning_content");
        content(true, reasoning != null ? reasoning : UpstreamJson.text(message, "reasoning"));
        content(false, UpstreamJson.text(message, "content"));
        String refusal = UpstreamJson.text(message, "refusal");
        if (refusal != null && !refusal.isEmpty()) {
            refused = true;
            content(false, refusal);
        }
        int position = 0;
        for (JsonNode call : message.path("tool_calls")) {
            calls.onDelta(call, position++);
        }
        String finish = UpstreamJson.text(choice, "finish_reason");
        if (finish != null) {
            stop = switch (finish) {
                case "length" -> StopReason.MAX_TOKENS;
                case "tool_calls", "function_call" -> StopReason.TOOL_USE;
                case "content_filter" -> StopReason.CONTENT_FILTER;
                default -> StopReason.END_TURN; // stop, and reasons newer than this code
            };
            calls.flush();
        }
    }

    private void content(boolean thinking, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        calls.interrupt();
        if (thinking) {
            out.thinking(text);
        } else {
            out.text(text);
        }
    }
}
