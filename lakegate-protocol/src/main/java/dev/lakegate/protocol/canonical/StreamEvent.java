package dev.lakegate.protocol.canonical;

import dev.lakegate.protocol.usage.Usage;
import java.util.Objects;

/**
 * One step of a streamed answer in canonical terms. A stream is {@link Start}, then content deltas,
 * then {@link Finish}. Blocks are implicit: a delta of another kind than the previous one, or a
 * {@link ToolCallStart}, begins a new content block; each protocol's encoder turns that into its own
 * block, item or part boundaries.
 */
public sealed interface StreamEvent {

    /** @param usage what is known when the answer starts: the prompt's tokens, usually no output yet */
    record Start(String id, String model, Usage usage) implements StreamEvent {
        public Start {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(usage, "usage");
        }
    }

    record TextDelta(String text) implements StreamEvent {
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    record ThinkingDelta(String text) implements StreamEvent {
        public ThinkingDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Closes the current thinking block with its opaque signature. */
    record ThinkingSignature(String signature) implements StreamEvent {
        public ThinkingSignature {
            Objects.requireNonNull(signature, "signature");
        }
    }

    record ToolCallStart(String id, String name) implements StreamEvent {
        public ToolCallStart {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** A fragment of the current tool call's arguments; the fragments concatenate to a JSON object. */
    record ToolCallDelta(String argumentsJson) implements StreamEvent {
        public ToolCallDelta {
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }
    }

    /** @param usage the final, cumulative usage of the whole answer */
    record Finish(StopReason stopReason, Usage usage) implements StreamEvent {
        public Finish {
            Objects.requireNonNull(stopReason, "stopReason");
            Objects.requireNonNull(usage, "usage");
        }
    }
}
