package dev.lakegate.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The wire protocols Lakegate speaks, to agents and to upstreams. Client and upstream speaking the
 * same one take the passthrough lane; different ones go through the canonical model.
 */
public enum WireProtocol {
    ANTHROPIC("anthropic"),
    OPENAI_CHAT("openai.chat"),
    OPENAI_RESPONSES("openai.responses"),
    GEMINI("gemini");

    private final String id;

    WireProtocol(String id) {
        this.id = id;
    }

    /** Stable name used in configuration, logs and the usage table. */
    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static WireProtocol fromId(String id) {
        for (WireProtocol p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown wire protocol '" + id + "' (expected one of anthropic, openai.chat, openai.responses, gemini)");
    }
}
