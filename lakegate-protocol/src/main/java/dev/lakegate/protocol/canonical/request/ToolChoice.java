package dev.lakegate.protocol.canonical.request;

import java.util.Objects;

/** Whether and which tool the model must call. Whether it may call several at once is a separate flag. */
public sealed interface ToolChoice {

    /** The model decides (Anthropic {@code auto}, OpenAI {@code auto}, Gemini {@code AUTO}). */
    record Auto() implements ToolChoice {}

    /** The model must call some tool (Anthropic {@code any}, OpenAI {@code required}, Gemini {@code ANY}). */
    record Any() implements ToolChoice {}

    /** The model must not call tools (Anthropic/OpenAI {@code none}, Gemini {@code NONE}). */
    record None() implements ToolChoice {}

    /** The model must call this tool. */
    record Named(String name) implements ToolChoice {
        public Named {
            Objects.requireNonNull(name, "name");
        }
    }
}
