package dev.lakegate.protocol.usage;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Counts the characters of generated text in a response as its bytes pass, for the token estimate
 * when the upstream reports no usage: the string values of a few named fields ({@code "text": "…"}),
 * wherever they appear. A byte-level state machine over JSON, SSE lines or a streamed array alike
 * (SSE field names and {@code data:} prefixes hold no quotes), so no event is parsed for it and
 * chunks may split anything anywhere. Characters are UTF-16 units, as {@link String#length()}
 * counts them; an escape such as {@code \n} or {@code \u00e9} is one.
 */
final class TextCounter {
    /** Longer field names are not among the ones counted, so need not be remembered. */
    private static final int MAX_KEY = 32;

    private enum State { OUTSIDE, STRING, STRING_ESCAPE, AFTER_STRING, BEFORE_VALUE, VALUE, VALUE_ESCAPE, VALUE_UNICODE }

    private final byte[][] keys;
    private final byte[] string = new byte[MAX_KEY];
    private int stringLength;
    private State state = State.OUTSIDE;
    private boolean counting;
    private int hexLeft;
    private long characters;

    TextCounter(Set<String> keys) {
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            step(bytes[i]);
        }
    }

    long characters() {
        return characters;
    }

    private void step(byte b) {
        switch (state) {
            case OUTSIDE -> {
                if (b == '"') {
                    stringLength = 0;
                    state = State.STRING;
                }
            }
            case STRING -> {
                if (b == '"') {
                    state = State.AFTER_STRING;
                } else if (b == '\\') {
                    state = State.STRING_ESCAPE;
                } else if (stringLength < MAX_KEY) {
                    string[stringLength++] = b;
                } else {
                    stringLength = MAX_KEY + 1; // too long to be a key of interest
                }
            }
            case STRING_ESCAPE -> {
                stringLength = MAX_KEY + 1; // our keys hold no escapes
                state = State.STRING;
            }
            case AFTER_STRING -> {
                if (b == ':') {
                    counting = isKey();
                    state = State.BEFORE_VALUE;
                } else if (!whitespace(b)) {
                    state = State.OUTSIDE; // the string was a value or an array element
                    step(b);
                }
            }
            case BEFORE_VALUE -> {
                if (b == '"') {
                    state = State.VALUE;
                } else if (!whitespace(b)) {
                    state = State.OUTSIDE; // a number, object, array, true, false or null
                    step(b);
                }
            }
            case VALUE -> {
                if (b == '"') {
                    state = State.OUTSIDE;
                } else if (b == '\\') {
                    state = State.VALUE_ESCAPE;
                } else if (counting) {
                    characters += utf16Units(b);
                }
            }
            case VALUE_ESCAPE -> {
                if (counting) {
                    characters++;
                }
                if (b == 'u') {
                    hexLeft = 4;
                    state = State.VALUE_UNICODE;
                } else {
                    state = State.VALUE;
                }
            }
            case VALUE_UNICODE -> {
                if (--hexLeft == 0) {
                    state = State.VALUE;
                }
            }
        }
    }

    private boolean isKey() {
        if (stringLength > MAX_KEY) {
            return false;
        }
        outer:
        for (byte[] key : keys) {
            if (key.length != stringLength) {
                continue;
            }
            for (int i = 0; i < stringLength; i++) {
                if (key[i] != string[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** A UTF-8 lead byte starts one UTF-16 unit, or two for a supplementary character; continuation bytes add none. */
    private static int utf16Units(byte b) {
        int u = b & 0xFF;
        if (u < 0x80) {
            return 1;
        }
        if (u < 0xC0) {
            return 0;
        }
        return u >= 0xF0 ? 2 : 1;
    }
}
