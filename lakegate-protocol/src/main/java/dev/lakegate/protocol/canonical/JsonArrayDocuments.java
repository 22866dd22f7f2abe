package dev.lakegate.protocol.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import java.util.Arrays;

/**
 * The elements of a streamed JSON array ({@code [} object {@code ,} object … {@code ]}), each handed
 * over as soon as its closing brace arrives. A byte-level scanner (strings and escapes tracked, as
 * brackets inside strings do not count) finds element boundaries; Jackson parses each element.
 */
final class JsonArrayDocuments implements Documents {
    private enum State { BEFORE, BETWEEN, ELEMENT, AFTER }

    private final WireProtocol protocol;
    private final DocumentDecoder decoder;
    private State state = State.BEFORE;
    private boolean expectElement;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private byte[] element = new byte[256];
    private int length;

    JsonArrayDocuments(WireProtocol protocol, DocumentDecoder decoder) {
        this.protocol = protocol;
        this.decoder = decoder;
    }

    @Override
    public void feed(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            switch (state) {
                case BEFORE -> {
                    if (b == '[') {
                        state = State.BETWEEN;
                        expectElement = true;
                    } else if (!whitespace(b)) {
                        throw UpstreamErrors.malformed(protocol, "the streamed body is not a JSON array");
                    }
                }
                case BETWEEN -> between(b);
                case ELEMENT -> inElement(b);
                case AFTER -> {
                    if (!whitespace(b)) {
                        throw UpstreamErrors.malformed(protocol, "data after the end of the streamed JSON array");
                    }
                }
            }
        }
    }

    @Override
    public void finish() {
        if (state == State.ELEMENT) {
            throw UpstreamErrors.malformed(protocol, "the stream ended inside a JSON array element");
        }
    }

    private void between(byte b) {
        if (whitespace(b)) {
            return;
        }
        if (b == ',' && !expectElement) {
            expectElement = true;
        } else if (b == ']') {
            state = State.AFTER;
        } else if (b == '{' && expectElement) {
            state = State.ELEMENT;
            depth = 0;
            inElement(b);
        } else {
            throw UpstreamErrors.malformed(protocol, "unexpected '" + (char) (b & 0xff) + "' between the elements of the streamed JSON array");
        }
    }

    private void inElement(byte b) {
        if (length == UpstreamJson.MAX_DOCUMENT_BYTES) {
            throw UpstreamErrors.malformed(protocol, "a streamed JSON array element is larger than " + UpstreamJson.MAX_DOCUMENT_BYTES + " bytes");
        }
        if (length == element.length) {
            element = Arrays.copyOf(element, Math.min(UpstreamJson.MAX_DOCUMENT_BYTES, element.length * 2));
        }
        element[length++] = b;
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
            }
        } else if (b == '"') {
            inString = true;
        } else if (b == '{' || b == '[') {
            depth++;
        } else if ((b == '}' || b == ']') && --depth == 0) {
            JsonNode document = UpstreamJson.parseObject(protocol, element, 0, length, "a streamed JSON array element");
            length = 0;
            state = State.BETWEEN;
            expectElement = false;
            if (element.length > 64 * 1024) {
                element = new byte[256]; // one big element must not pin its buffer for the rest of the stream
            }
            decoder.onDocument(null, document);
        }
    }

    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
