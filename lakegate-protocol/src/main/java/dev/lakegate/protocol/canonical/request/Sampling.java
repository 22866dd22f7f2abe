package dev.lakegate.protocol.canonical.request;

import java.util.List;

/**
 * Generation limits and sampling parameters; null means "not given, use the upstream's default".
 *
 * @param maxOutputTokens Anthropic {@code max_tokens}, OpenAI {@code max_completion_tokens} /
 *     {@code max_output_tokens}, Gemini {@code maxOutputTokens}
 * @param stopSequences empty when none
 */
public record Sampling(Integer maxOutputTokens, Double temperature, Double topP, Integer topK, List<String> stopSequences) {

    public static final Sampling NONE = new Sampling(null, null, null, null, List.of());

    public Sampling {
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
    }
}
