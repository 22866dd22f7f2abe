package dev.lakegate.server.payload;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.canonical.ResponseAssembler;
import dev.lakegate.protocol.canonical.ResponseReader;
import dev.lakegate.protocol.canonical.ResponseWriter;
import dev.lakegate.protocol.canonical.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The answer as stored: what a unary call of the agent's protocol would have returned. A unary answer or an
 * error is the body as sent; a stream is decoded with the agent's protocol's reader, assembled, and written as
 * that protocol's final response (an Anthropic Message, a Chat {@code chat.completion}, a Responses
 * {@code response} object, a Gemini {@code GenerateContentResponse}).
 *
 * @param text null when nothing was sent, or the answer exceeded the limit
 * @param errorCode the {@code logging_error_codes} entry the answer adds, or null
 */
record FinalResponse(String text, String errorCode) {
    private static final String TOO_LARGE = "MAX_RESPONSE_SIZE_EXCEEDED";
    /** A stream that does not decode to a complete answer (cut short, an in-stream error): stored as the raw bytes sent. */
    private static final String NOT_ASSEMBLED = "STREAM_ASSEMBLY_FAILED";

    /** @param requestTime stands for the {@code created} time of the OpenAI formats, which the stream's events do not all repeat */
    static FinalResponse of(PayloadCapture capture, int status, Instant requestTime) {
        CappedBytes sent = capture.response();
        if (sent.exceeded()) {
            return new FinalResponse(null, TOO_LARGE);
        }
        if (sent.size() == 0) {
            return new FinalResponse(null, null);
        }
        if (capture.framing() == Framing.JSON || status >= 400) {
            return new FinalResponse(sent.text(), null);
        }
        try {
            ResponseAssembler assembler = new ResponseAssembler();
            StreamDecoder decoder = ResponseReader.of(capture.protocol()).stream(capture.framing(), assembler);
            decoder.feed(sent.array(), 0, sent.size());
            decoder.finish();
            byte[] unary = ResponseWriter.of(capture.protocol(), InstantSource.fixed(requestTime)).unary(assembler.response());
            return new FinalResponse(new String(unary, StandardCharsets.UTF_8), null);
        } catch (RuntimeException e) {
            return new FinalResponse(sent.text(), NOT_ASSEMBLED);
        }
    }
}
