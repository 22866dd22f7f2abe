package dev.lakegate.protocol.usage;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Walks JSON tokens, blocking or non-blocking, and keeps the numeric fields of usage objects found
 * where the dialect reports them: directly in a top-level object (a whole body, an SSE event's data,
 * or an element of a streamed array) or in one of its container fields ({@code message.usage}).
 * Everything else is passed over token by token without building a tree. Only a usage object that
 * closes is counted, so a truncated one is ignored.
 */
final class UsageScanner {
    /** Usage sits at most a few levels deep; deeper containers are counted but not remembered. */
    private static final int TRACKED_DEPTH = 8;
    /** A usage object has a dozen fields; more is hostile and is not kept. */
    private static final int MAX_FIELDS = 64;

    private final UsageDialect dialect;
    private final Map<String, Long> latest = new HashMap<>();
    private boolean seen;

    private int depth;
    private final boolean[] isArray = new boolean[TRACKED_DEPTH];
    private final String[] enteredVia = new String[TRACKED_DEPTH];
    private final String[] currentField = new String[TRACKED_DEPTH];
    private int usageDepth = -1;
    private Map<String, Long> pending;
    /** A field name was read and its value not yet. */
    private boolean afterName;

    UsageScanner(UsageDialect dialect) {
        this.dialect = dialect;
    }

    /** Forgets the position within a document, e.g. before the data of the next SSE event. */
    void reset() {
        depth = 0;
        afterName = false;
        usageDepth = -1;
        pending = null;
    }

    /** Consumes tokens until the parser needs more input or its content ends. */
    void scan(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != null && t != JsonToken.NOT_AVAILABLE) {
            if (afterName && (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY)) {
                // {"a": } — Jackson's non-blocking parser lets it pass when a chunk ends before the brace, and
                // refuses it otherwise: refuse it always, so the usage read does not depend on how bytes arrive.
                throw new JsonParseException(p, "a field without a value");
            }
            afterName = t == JsonToken.FIELD_NAME;
            switch (t) {
                case START_OBJECT, START_ARRAY -> enter(t == JsonToken.START_ARRAY);
                case END_OBJECT, END_ARRAY -> leave();
                case FIELD_NAME -> {
                    if (depth < TRACKED_DEPTH) {
                        currentField[depth] = p.currentName();
                    }
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    if (pending != null) {
                        number(p);
                    }
                }
                default -> { }
            }
        }
    }

    /** What the upstream reported last, normalised; {@link Usage#NONE} when no usage object closed. */
    Usage result() {
        return seen ? dialect.normalise(latest) : Usage.NONE;
    }

    private void enter(boolean array) {
        String via = depth > 0 && depth < TRACKED_DEPTH && !isArray[depth] ? currentField[depth] : null;
        if (pending == null && !array && dialect.key().equals(via) && atUsagePlace()) {
            pending = new HashMap<>();
            usageDepth = depth + 1;
        }
        depth++;
        if (depth < TRACKED_DEPTH) {
            isArray[depth] = array;
            enteredVia[depth] = via;
            currentField[depth] = null;
        }
    }

    private void leave() {
        if (depth == usageDepth) {
            if (!dialect.mergesFields()) {
                latest.clear();
            }
            latest.putAll(pending);
            seen = true;
            pending = null;
            usageDepth = -1;
        }
        depth = Math.max(0, depth - 1);
    }

    /** The object at {@link #depth} is a top-level object, or a container field of one. */
    private boolean atUsagePlace() {
        if (depth < 1 || depth + 2 >= TRACKED_DEPTH) {
            return false; // the usage object and its detail objects must be tracked too
        }
        return isTopObject(depth) || dialect.containers().contains(enteredVia[depth]) && isTopObject(depth - 1);
    }

    /** Objects reached only through arrays (or none) count as top-level: a streamed array's elements. */
    private boolean isTopObject(int d) {
        if (d < 1 || isArray[d]) {
            return false;
        }
        for (int i = 1; i < d; i++) {
            if (!isArray[i]) {
                return false;
            }
        }
        return true;
    }

    private void number(JsonParser p) throws IOException {
        String name;
        if (depth == usageDepth) {
            name = currentField[depth];
        } else if (depth == usageDepth + 1 && depth < TRACKED_DEPTH && !isArray[depth]) {
            name = enteredVia[depth] + "." + currentField[depth];
        } else {
            return; // inside an array such as Gemini's promptTokensDetails: not a count we use
        }
        if (name == null || pending.size() >= MAX_FIELDS && !pending.containsKey(name)) {
            return;
        }
        pending.put(name, Math.max(0, longValue(p)));
    }

    private static long longValue(JsonParser p) throws IOException {
        return switch (p.getNumberType()) {
            case INT, LONG -> p.getLongValue();
            case BIG_INTEGER -> p.getBigIntegerValue().signum() > 0 ? Long.MAX_VALUE : 0;
            default -> (long) p.getDoubleValue(); // saturates; NaN becomes 0
        };
    }
}
