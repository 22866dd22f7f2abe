package dev.lakegate.protocol.canonical.request;

import dev.lakegate.protocol.canonical.ContentBlock;
import java.util.List;
import java.util.Objects;

/**
 * One model request, independent of the wire protocol it arrived in: the hub every request codec
 * decodes into and encodes from. Nullable components mean "not given": the encoder then leaves the
 * field out and the upstream applies its default.
 *
 * @param model the model the client asked for (a Lakegate endpoint name); null for Gemini, whose
 *     model is in the URL
 * @param system the top-level system prompt as text blocks (cache hints in their extras); empty when none
 * @param messages the conversation, including in-conversation {@link Message.Role#SYSTEM} instructions
 * @param tools client-side functions the model may call
 * @param otherTools server-side, vendor-defined or unknown tools, stripped for other protocols
 * @param toolChoice null when not given
 * @param parallelToolCalls whether several tool calls per turn are allowed; null when not given
 * @param reasoning null when not given
 * @param outputFormat null when not given
 * @param userId an opaque end-user id (Anthropic {@code metadata.user_id}, OpenAI {@code user}); null when none
 * @param extras request-level provider data: unknown top-level fields and how the source spelled things
 */
public record CanonicalRequest(
        String model,
        List<ContentBlock.Text> system,
        List<Message> messages,
        List<Tool> tools,
        List<OtherTool> otherTools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        Sampling sampling,
        Reasoning reasoning,
        OutputFormat outputFormat,
        boolean stream,
        String userId,
        Extras extras) {

    public CanonicalRequest {
        system = List.copyOf(system);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        otherTools = List.copyOf(otherTools);
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(extras, "extras");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().model(model).system(system).messages(messages).tools(tools).otherTools(otherTools)
                .toolChoice(toolChoice).parallelToolCalls(parallelToolCalls).sampling(sampling).reasoning(reasoning)
                .outputFormat(outputFormat).stream(stream).userId(userId).extras(extras);
    }

    /** The same request for another model name (Gemini's comes from the URL path). */
    public CanonicalRequest withModel(String newModel) {
        return toBuilder().model(newModel).build();
    }

    /** The same request, streamed or not (Gemini says so in the URL: {@code :streamGenerateContent}). */
    public CanonicalRequest withStream(boolean newStream) {
        return toBuilder().stream(newStream).build();
    }

    public static final class Builder {
        private String model;
        private List<ContentBlock.Text> system = List.of();
        private List<Message> messages = List.of();
        private List<Tool> tools = List.of();
        private List<OtherTool> otherTools = List.of();
        private ToolChoice toolChoice;
        private Boolean parallelToolCalls;
        private Sampling sampling = Sampling.NONE;
        private Reasoning reasoning;
        private OutputFormat outputFormat;
        private boolean stream;
        private String userId;
        private Extras extras = Extras.NONE;

        private Builder() {}

        public Builder model(String value) { model = value; return this; }
        public Builder system(List<ContentBlock.Text> value) { system = value; return this; }
        public Builder messages(List<Message> value) { messages = value; return this; }
        public Builder tools(List<Tool> value) { tools = value; return this; }
        public Builder otherTools(List<OtherTool> value) { otherTools = value; return this; }
        public Builder toolChoice(ToolChoice value) { toolChoice = value; return this; }
        public Builder parallelToolCalls(Boolean value) { parallelToolCalls = value; return this; }
        public Builder sampling(Sampling value) { sampling = value; return this; }
        public Builder reasoning(Reasoning value) { reasoning = value; return this; }
        public Builder outputFormat(OutputFormat value) { outputFormat = value; return this; }
        public Builder stream(boolean value) { stream = value; return this; }
        public Builder userId(String value) { userId = value; return this; }
        public Builder extras(Extras value) { extras = value; return this; }

        public CanonicalRequest build() {
            return new CanonicalRequest(model, system, messages, tools, otherTools, toolChoice, parallelToolCalls,
                    sampling, reasoning, outputFormat, stream, userId, extras);
        }
    }
}
