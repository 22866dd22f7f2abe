package dev.lakegate.protocol.canonical;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.sse.SseParser;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.protocol.usage.UsageTap;
import dev.lakegate.protocol.usage.UsageTaps;
import java.io.IOException;

/**
 * JSON as upstream decoders read it: bounded parsing whose failures are upstream errors, defensive
 * field access (a hostile upstream may put any type anywhere), and usage read by the same
 * {@link UsageTaps} the passthrough lane uses, so both lanes count tokens identically.
 */
public final class UpstreamJson {
    /** Largest SSE event, JSON array element or string a decoder holds. */
    public static final int MAX_DOCUMENT_BYTES = SseParser.DEFAULT_MAX_EVENT_BYTES;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_DOCUMENT_BYTES).maxNestingDepth(256).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private UpstreamJson() {}

    /**
     * Parses one JSON object.
     *
     * @param what names the document in the error, e.g. "event message_start"
     */
    public static JsonNode parseObject(WireProtocol protocol, byte[] bytes, int offset, int length, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes, offset, length);
        } catch (JsonProcessingException e) {
            throw UpstreamErrors.malformed(protocol, what + " is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw UpstreamErrors.malformed(protocol, what + " cannot be read (" + e.getMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw UpstreamErrors.malformed(protocol, what + " is not a JSON object");
        }
        return node;
    }

    /** The field's value when it is a string, else null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** The field's value when it is an integer that fits an int, else {@code fallback}. */
    public static int integer(JsonNode node, String field, int fallback) {
        JsonNode v = node.get(field);
        return v != null && v.isIntegralNumber() && v.canConvertToInt() ? v.intValue() : fallback;
    }

    /** The normalised usage one whole document reports, {@link Usage#NONE} when it has none. */
    public static Usage usage(WireProtocol protocol, JsonNode document) {
        return usage(protocol, Json.bytes(document));
    }

    public static Usage usage(WireProtocol protocol, byte[] body) {
        UsageTap tap = UsageTaps.forResponse(protocol, Framing.JSON);
        tap.onBytes(body, 0, body.length);
        return tap.finish();
    }
}
