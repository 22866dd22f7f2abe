package dev.lakegate.server.surface;

import dev.lakegate.protocol.WireProtocol;

/** The agent-facing URL families. Each renders errors in its own protocol's shape. */
public enum Surface {
    ANTHROPIC("anthropic", WireProtocol.ANTHROPIC),
    OPENAI("openai", WireProtocol.OPENAI_CHAT),
    CODEX("codex", WireProtocol.OPENAI_CHAT),
    CURSOR("cursor", WireProtocol.OPENAI_CHAT),
    GEMINI("gemini", WireProtocol.GEMINI);

    private final String prefix;
    private final WireProtocol errorProtocol;

    Surface(String prefix, WireProtocol errorProtocol) {
        this.prefix = prefix;
        this.errorProtocol = errorProtocol;
    }

    /** First path segment, e.g. {@code anthropic} for {@code /anthropic/v1/messages}. */
    public String prefix() {
        return prefix;
    }

    /** Protocol whose error shape this surface answers in before an operation is known. */
    public WireProtocol errorProtocol() {
        return errorProtocol;
    }
}
