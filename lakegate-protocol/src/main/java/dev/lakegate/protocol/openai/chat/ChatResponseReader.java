package dev.lakegate.protocol.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalEmitter;
import dev.lakegate.protocol.canonical.JsonResponseReader;

/**
 * OpenAI Chat Completions responses: a {@code chat.completion}, or {@code chat.completion.chunk} SSE
 * events. Tool call arguments (JSON strings on the wire) become the calls' input objects.
 */
public final class ChatResponseReader extends JsonResponseReader<ChatStreamDecoder> {

    public ChatResponseReader() {
        super(WireProtocol.OPENAI_CHAT);
    }

    @Override
    protected ChatStreamDecoder decoder(CanonicalEmitter out) {
        return new ChatStreamDecoder(out);
    }

    @Override
    protected void readBody(JsonNode body, ChatStreamDecoder decoder) {
        decoder.onCompletion(body);
    }
}
