package dev.lakegate.protocol.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;

/**
 * {@link UsageTap}s for each protocol and framing, normalised as {@link Usage} describes:
 * <ul>
 *   <li>Anthropic: {@code message_start.message.usage} then {@code message_delta.usage} (cumulative; the
 *       latest value of each field wins), or the body's {@code usage}; input = input_tokens + cache reads
 *       + cache writes, the 1-hour writes of {@code cache_creation.ephemeral_1h_input_tokens} kept apart.
 *   <li>OpenAI Chat: {@code usage} of the final chunk or the body; prompt_tokens already include cached
 *       tokens and completion_tokens reasoning tokens.
 *   <li>OpenAI Responses: {@code response.usage} of {@code response.completed}, {@code .incomplete} or
 *       {@code .failed}, or the body's {@code usage}.
 *   <li>Gemini: the last {@code usageMetadata}; input = promptTokenCount (cache included) +
 *       toolUsePromptTokenCount, output = candidatesTokenCount + thoughtsTokenCount.
 * </ul>
 * SSE events that cannot carry usage are skipped without JSON parsing. Taps also count the characters of
 * generated text that pass ({@link UsageTap#answerCharacters()}), by a byte scan, for the estimate when
 * no usage is reported. JSON bodies and streamed arrays
 * are parsed incrementally, without buffering the body. Taps never throw: malformed or hostile input
 * yields what was seen before it, or {@link Usage#NONE}.
 */
public final class UsageTaps {
    /** Largest SSE event, and longest JSON string, a tap will hold while reading. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

    private static final JsonFactory DEFAULT_JSON = json(DEFAULT_MAX_BYTES);

    private UsageTaps() {}

    public static UsageTap forResponse(WireProtocol protocol, Framing framing) {
        return forResponse(protocol, framing, DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes the memory bound: largest SSE event, or longest JSON string value, that is read */
    public static UsageTap forResponse(WireProtocol protocol, Framing framing, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        UsageDialect dialect = UsageDialect.of(protocol);
        JsonFactory json = maxBytes == DEFAULT_MAX_BYTES ? DEFAULT_JSON : json(maxBytes);
        return switch (framing) {
            case SSE -> new SseUsageTap(dialect, json, maxBytes);
            case JSON -> new StreamingJsonUsageTap(dialect, json, false);
            case JSON_ARRAY -> new StreamingJsonUsageTap(dialect, json, true);
        };
    }

    private static JsonFactory json(int maxBytes) {
        // Jackson's non-blocking parser lets a trailing comma in an object pass when the '}' arrives in a later
        // chunk and refuses it otherwise; accepting it always keeps what a tap reads independent of the chunking.
        return JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxBytes).build())
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
    }
}
