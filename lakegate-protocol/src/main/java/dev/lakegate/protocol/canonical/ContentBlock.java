package dev.lakegate.protocol.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.canonical.request.Extras;
import java.util.List;
import java.util.Objects;

/**
 * One piece of a message's content, independent of the wire protocol that carries it. Answers use
 * {@link Text}, {@link ToolUse}, {@link Thinking} and {@link RedactedThinking}; requests may also carry
 * {@link Image}, {@link ToolResult} and {@link Opaque} blocks, which response writers ignore.
 *
 * <p>Every block has {@link Extras}: provider-specific data (Anthropic {@code cache_control}, Gemini
 * {@code thoughtSignature}, …) tagged with its source protocol. The short constructors leave them empty.
 */
public sealed interface ContentBlock {

    Extras extras();

    record Text(String text, Extras extras) implements ContentBlock {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(extras, "extras");
        }

        public Text(String text) {
            this(text, Extras.NONE);
        }
    }

    /**
     * A call of a client-side tool.
     *
     * @param input the arguments as a JSON object (the wire's partial-JSON deltas, once complete)
     */
    record ToolUse(String id, String name, JsonNode input, Extras extras) implements ContentBlock {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(extras, "extras");
        }

        public ToolUse(String id, String name, JsonNode input) {
            this(id, name, input, Extras.NONE);
        }
    }

    /**
     * Reasoning the model shows. The signature is opaque and vendor-specific (Anthropic's thinking
     * signature, OpenAI's encrypted reasoning, Gemini's thought signature); null when there is none.
     * In requests, {@code extras.source()} names the vendor that signed it: only that vendor gets it back.
     */
    record Thinking(String text, String signature, Extras extras) implements ContentBlock {
        public Thinking {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(extras, "extras");
        }

        public Thinking(String text, String signature) {
            this(text, signature, Extras.NONE);
        }
    }

    /** Reasoning the vendor encrypted (Anthropic {@code redacted_thinking}): opaque, only for its own vendor. */
    record RedactedThinking(String data, Extras extras) implements ContentBlock {
        public RedactedThinking {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(extras, "extras");
        }
    }

    /** An image given inline (base64) or by URL; request side only. */
    record Image(Source source, Extras extras) implements ContentBlock {
        public Image {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(extras, "extras");
        }

        public sealed interface Source {}

        /** @param data base64, without a {@code data:} prefix */
        public record Base64(String mediaType, String data) implements Source {
            public Base64 {
                Objects.requireNonNull(mediaType, "mediaType");
                Objects.requireNonNull(data, "data");
            }
        }

        /** @param mediaType null when the wire did not say */
        public record Url(String url, String mediaType) implements Source {
            public Url {
                Objects.requireNonNull(url, "url");
            }
        }
    }

    /**
     * The outcome of a tool call, sent back by the client; request side only.
     *
     * @param content text and image blocks; empty when the tool returned nothing
     */
    record ToolResult(String toolUseId, List<ContentBlock> content, boolean isError, Extras extras) implements ContentBlock {
        public ToolResult {
            Objects.requireNonNull(toolUseId, "toolUseId");
            content = List.copyOf(content);
            Objects.requireNonNull(extras, "extras");
        }
    }

    /**
     * A block the canonical model does not understand (Anthropic {@code document} or server tool
     * traffic, a Responses {@code custom_tool_call}, a Gemini {@code executableCode} part, …): the
     * whole wire object rides in {@code extras.fields()}, is written back verbatim to its own protocol
     * and dropped for every other one.
     *
     * @param type the wire's name for it, for messages and the translation table
     */
    record Opaque(String type, Extras extras) implements ContentBlock {
        public Opaque {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(extras, "extras");
        }
    }
}
