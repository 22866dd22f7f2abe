package dev.lakegate.server.surface;

import dev.lakegate.protocol.WireProtocol;

/** What an agent asked a surface to do, and in which wire protocol. */
public enum Operation {
    MESSAGES(WireProtocol.ANTHROPIC, Kind.GENERATE, "v1/messages"),
    MESSAGES_COUNT_TOKENS(WireProtocol.ANTHROPIC, Kind.COUNT_TOKENS, "v1/messages/count_tokens"),
    CHAT_COMPLETIONS(WireProtocol.OPENAI_CHAT, Kind.GENERATE, "v1/chat/completions"),
    RESPONSES(WireProtocol.OPENAI_RESPONSES, Kind.GENERATE, "v1/responses"),
    GENERATE_CONTENT(WireProtocol.GEMINI, Kind.GENERATE, "generateContent"),
    STREAM_GENERATE_CONTENT(WireProtocol.GEMINI, Kind.GENERATE, "streamGenerateContent"),
    COUNT_TOKENS(WireProtocol.GEMINI, Kind.COUNT_TOKENS, "countTokens"),
    LIST_MODELS(null, Kind.LIST_MODELS, "models");

    /** The three things an operation can be. */
    public enum Kind {
        GENERATE,
        COUNT_TOKENS,
        LIST_MODELS
    }

    private final WireProtocol protocol;
    private final Kind kind;
    private final String apiPath;

    Operation(WireProtocol protocol, Kind kind, String apiPath) {
        this.protocol = protocol;
        this.kind = kind;
        this.apiPath = apiPath;
    }

    /** Wire protocol of the request body; null for {@link #LIST_MODELS}, which has none. */
    public WireProtocol protocol() {
        return protocol;
    }

    public Kind kind() {
        return kind;
    }

    /** The operation part of the usage table's {@code api_type}, e.g. {@code v1/messages}. */
    public String apiPath() {
        return apiPath;
    }
}
