package dev.lakegate.protocol.canonical.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Json;
import java.util.Map;

/**
 * Provider-specific data the canonical model cannot express, tagged with the protocol it came from,
 * so that a same-vendor round trip loses nothing while other vendors never see it.
 *
 * <p>{@code fields} are verbatim wire fields (Anthropic {@code cache_control}, Gemini
 * {@code thoughtSignature}, unknown top-level keys, the leftover keys of a partly understood object
 * under that object's name); the source protocol's encoder deep-merges them back into the object it
 * writes. {@code hints} record how the source spelled what the canonical model did carry (a string
 * instead of a block list, {@code developer} instead of {@code system}, a raw arguments string) and are
 * never written as such. Both are read-only by convention; they are copied on construction.
 *
 * @param source the protocol that decoded the data; null only for {@link #NONE}
 */
public record Extras(WireProtocol source, ObjectNode fields, ObjectNode hints) {

    /** No extras: canonical data built by hand or by a response decoder. */
    public static final Extras NONE = new Extras(null, Json.object(), Json.object());

    public Extras {
        fields = fields == null ? Json.object() : fields.deepCopy();
        hints = hints == null ? Json.object() : hints.deepCopy();
        if (source == null && (!fields.isEmpty() || !hints.isEmpty())) {
            throw new IllegalArgumentException("extras with data need a source protocol");
        }
    }

    /** Empty extras that only record where a block came from (a thinking signature's vendor, say). */
    public static Extras of(WireProtocol source) {
        return new Extras(source, null, null);
    }

    public static Builder builder(WireProtocol source) {
        return new Builder(source);
    }

    public boolean from(WireProtocol protocol) {
        return source != null && source == protocol;
    }

    /** A verbatim field for {@code protocol}; null when absent or when these extras came from another protocol. */
    public JsonNode field(WireProtocol protocol, String name) {
        return from(protocol) ? fields.get(name) : null;
    }

    /** A hint as text for {@code protocol}; null when absent or foreign. */
    public String hint(WireProtocol protocol, String name) {
        JsonNode h = from(protocol) ? hints.get(name) : null;
        return h == null || h.isNull() ? null : h.asText();
    }

    public boolean hinted(WireProtocol protocol, String name) {
        return hint(protocol, name) != null;
    }

    /**
     * Deep-merges the verbatim fields into {@code target} when they came from {@code protocol}: keys
     * the encoder already wrote win, objects present on both sides are merged key by key.
     */
    public void writeInto(WireProtocol protocol, ObjectNode target) {
        if (from(protocol)) {
            merge(fields, target);
        }
    }

    private static void merge(ObjectNode from, ObjectNode into) {
        for (Map.Entry<String, JsonNode> e : from.properties()) {
            JsonNode existing = into.get(e.getKey());
            if (existing == null) {
                into.set(e.getKey(), e.getValue().deepCopy());
            } else if (existing instanceof ObjectNode o && e.getValue() instanceof ObjectNode v) {
                merge(v, o);
            }
        }
    }

    public static final class Builder {
        private final WireProtocol source;
        private final ObjectNode fields = Json.object();
        private final ObjectNode hints = Json.object();

        private Builder(WireProtocol source) {
            this.source = source;
        }

        /** Adds a verbatim field; null is skipped. */
        public Builder field(String name, JsonNode value) {
            if (value != null) {
                fields.set(name, value);
            }
            return this;
        }

        /** Adds the leftover keys of a partly understood object under its name, unless there are none. */
        public Builder nested(String name, ObjectNode leftovers) {
            return leftovers == null || leftovers.isEmpty() ? this : field(name, leftovers);
        }

        /** Adds every field of {@code leftovers} (the unknown keys of a wire object). */
        public Builder fields(ObjectNode leftovers) {
            leftovers.properties().forEach(e -> fields.set(e.getKey(), e.getValue()));
            return this;
        }

        public Builder hint(String name, String value) {
            if (value != null) {
                hints.put(name, value);
            }
            return this;
        }

        public Builder hint(String name, boolean on) {
            return on ? hint(name, "true") : this;
        }

        public Extras build() {
            return new Extras(source, fields, hints);
        }
    }
}
