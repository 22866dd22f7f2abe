package dev.lakegate.protocol.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalEmitter;
import dev.lakegate.protocol.canonical.JsonResponseReader;

/**
 * OpenAI Responses: the {@code response} object, or the {@code response.*} event stream. Message,
 * function_call and reasoning items are read (reasoning summary as thinking text, encrypted_content as
 * its signature); status completed, incomplete (max_output_tokens, content_filter) or failed is the
 * stop reason. Item ids other than call ids are not kept.
 */
public final class ResponsesResponseReader extends JsonResponseReader<ResponsesStreamDecoder> {

    public ResponsesResponseReader() {
        super(WireProtocol.OPENAI_RESPONSES);
    }

    @Override
    protected ResponsesStreamDecoder decoder(CanonicalEmitter out) {
        return new ResponsesStreamDecoder(out);
    }

    @Override
    protected void readBody(JsonNode body, ResponsesStreamDecoder decoder) {
        decoder.onResponse(body);
    }
}
