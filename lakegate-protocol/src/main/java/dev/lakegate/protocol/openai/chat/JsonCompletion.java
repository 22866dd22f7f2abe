package dev.lakegate.protocol.openai.chat;

/**
 * Tells when streamed tool arguments form a complete JSON object or array, without parsing them: the
 * brackets outside strings balance. That is the moment a parallel call queued behind this one may
 * start without breaking canonical order.
 */
final class JsonCompletion {
    private int depth;
    private boolean opened;
    private boolean inString;
    private boolean escaped;

    void feed(CharSequence fragment) {
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
                opened = true;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    boolean complete() {
        return opened && depth <= 0 && !inString;
    }
}
