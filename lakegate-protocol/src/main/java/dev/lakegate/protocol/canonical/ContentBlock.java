package dev.lakegate.protocol.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** One piece of a message's content, independent of the wire protocol that carries it. */
public sealed interface ContentBlock {

    record Text(String text) implements ContentBlock {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A call of a client-side tool.
     *
     * @param input the arguments as a JSON object (the wire's partial-JSON deltas, once complete)
     */
    record ToolUse(String id, String name, JsonNode input) implements ContentBlock {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
        }
    }

    /**
     * Reasoning the model shows. The signature is opaque and vendor-specific (Anthropic's thinking
     * signature, OpenAI's encrypted reasoning, Gemini's thought signature); null when there is none.
     */
    record Thinking(String text, String signature) implements ContentBlock {
        public Thinking {
            Objects.requireNonNull(text, "text");
        }
    }
}
