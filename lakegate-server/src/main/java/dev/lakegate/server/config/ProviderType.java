package dev.lakegate.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.lakegate.protocol.WireProtocol;
import java.util.EnumSet;
import java.util.Set;

/** Kinds of upstream provider, with the wire protocols each speaks natively. */
public enum ProviderType {
    ANTHROPIC("anthropic", EnumSet.of(WireProtocol.ANTHROPIC), "https://api.anthropic.com"),
    OPENAI("openai", EnumSet.of(WireProtocol.OPENAI_RESPONSES, WireProtocol.OPENAI_CHAT), "https://api.openai.com/v1"),
    GEMINI("gemini", EnumSet.of(WireProtocol.GEMINI), "https://generativelanguage.googleapis.com"),
    OPENAI_COMPATIBLE("openai-compatible", EnumSet.of(WireProtocol.OPENAI_CHAT), null),
    /** The built-in stand-in model; it speaks every protocol. */
    SCRIPTED("scripted", EnumSet.allOf(WireProtocol.class), null);

    private final String id;
    private final Set<WireProtocol> protocols;
    private final String defaultBaseUrl;

    ProviderType(String id, Set<WireProtocol> protocols, String defaultBaseUrl) {
        this.id = id;
        this.protocols = protocols;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public Set<WireProtocol> protocols() {
        return protocols;
    }

    /** The vendor's public API root, or null when the provider must be given a base URL. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    @JsonCreator
    public static ProviderType fromId(String id) {
        for (ProviderType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown provider type '" + id + "' (expected anthropic, openai, gemini, openai-compatible or scripted)");
    }
}
