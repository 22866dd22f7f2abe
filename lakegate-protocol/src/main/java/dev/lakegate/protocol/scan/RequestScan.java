package dev.lakegate.protocol.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the passthrough lane needs from a request body, read in one streaming pass without building
 * a JSON tree: the top-level {@code model} (with its byte range, so it can be rewritten in place),
 * {@code stream}, and whether {@code stream_options} is present. The pass also validates the whole
 * document, so malformed JSON is refused before anything goes upstream.
 *
 * @param modelStart byte offset of the model value's opening quote, or -1 when absent
 * @param modelEnd byte offset just past its closing quote
 * @param includeUsage {@code stream_options.include_usage} is true (OpenAI Chat)
 */
public record RequestScan(String model, int modelStart, int modelEnd, boolean stream, boolean hasStreamOptions, boolean includeUsage) {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
            .build();

    public static RequestScan of(byte[] body) {
        try {
            return scan(body);
        } catch (Invalid e) {
            GatewayError error = GatewayError.of(ErrorCategory.INVALID_REQUEST, e.getMessage());
            throw new GatewayException(e.param == null ? error : error.withParam(e.param));
        }
    }

    private static RequestScan scan(byte[] body) {
        if (body.length == 0) {
            throw invalid("Request body is empty; send a JSON object");
        }
        String model = null;
        int modelStart = -1;
        int modelEnd = -1;
        boolean stream = false;
        boolean streamOptions = false;
        boolean includeUsage = false;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("Request body must be a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "model" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw invalid("'model' must be a string").withParamOf("model");
                        }
                        modelStart = (int) p.currentTokenLocation().getByteOffset();
                        model = p.getText();
                        modelEnd = (int) p.currentLocation().getByteOffset();
                    }
                    case "stream" -> {
                        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
                            throw invalid("'stream' must be a boolean").withParamOf("stream");
                        }
                        stream = value == JsonToken.VALUE_TRUE;
                    }
                    case "stream_options" -> {
                        streamOptions = value != JsonToken.VALUE_NULL;
                        includeUsage = value == JsonToken.START_OBJECT && readIncludeUsage(p);
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw invalid("Request body has content after the JSON object");
            }
        } catch (JsonParseException e) {
            throw invalid("Request body is not valid JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw invalid("Request body could not be read: " + e.getMessage());
        }
        return new RequestScan(model, modelStart, modelEnd, stream, streamOptions, includeUsage);
    }

    /** Reads the members of {@code stream_options} (the parser is on its START_OBJECT) for {@code include_usage}. */
    private static boolean readIncludeUsage(JsonParser p) throws IOException {
        boolean include = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("include_usage")) {
                include = v == JsonToken.VALUE_TRUE;
            } else {
                p.skipChildren();
            }
        }
        return include;
    }

    /** The body with the model value replaced; everything else byte for byte the same. */
    public byte[] withModel(byte[] body, String newModel) {
        if (modelStart < 0) {
            throw new IllegalStateException("request has no model to rewrite");
        }
        byte[] quoted = quote(newModel);
        byte[] out = new byte[body.length - (modelEnd - modelStart) + quoted.length];
        System.arraycopy(body, 0, out, 0, modelStart);
        System.arraycopy(quoted, 0, out, modelStart, quoted.length);
        System.arraycopy(body, modelEnd, out, modelStart + quoted.length, body.length - modelEnd);
        return out;
    }

    /**
     * The body with {@code "stream_options":{"include_usage":true}} added as the first member, so an
     * OpenAI-compatible upstream reports usage at the end of a stream (it sends none otherwise).
     */
    public static byte[] withIncludeUsage(byte[] body) {
        int open = 0;
        while (body[open] != '{') {
            open++;
        }
        byte[] member = "\"stream_options\":{\"include_usage\":true},".getBytes(StandardCharsets.US_ASCII);
        int next = open + 1;
        while (next < body.length && Character.isWhitespace(body[next])) {
            next++;
        }
        boolean empty = next < body.length && body[next] == '}';
        int len = empty ? member.length - 1 : member.length;
        byte[] out = new byte[body.length + len];
        System.arraycopy(body, 0, out, 0, open + 1);
        System.arraycopy(member, 0, out, open + 1, len);
        System.arraycopy(body, open + 1, out, open + 1 + len, body.length - open - 1);
        return out;
    }

    private static byte[] quote(String s) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(s);
        byte[] out = new byte[escaped.length + 2];
        out[0] = '"';
        System.arraycopy(escaped, 0, out, 1, escaped.length);
        out[out.length - 1] = '"';
        return out;
    }

    private static Invalid invalid(String message) {
        return new Invalid(message, null);
    }

    /** Internal carrier so validation problems keep the offending field for OpenAI's {@code param}. */
    private static final class Invalid extends RuntimeException {
        private final String param;

        Invalid(String message, String param) {
            super(message, null, false, false);
            this.param = param;
        }

        Invalid withParamOf(String name) {
            return new Invalid(getMessage(), name);
        }
    }
}
