package dev.lakegate.protocol.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How big a request is, for estimates made before any upstream counted it, read in one streaming
 * pass without a JSON tree: the characters of its text — string values and the field names of
 * nested objects (the prompt, messages, tool schemas; not the top level's own keys nor JSON
 * punctuation), estimated as (characters + 1) / 4 tokens — and the output tokens it asks for at
 * most, in whichever dialect: {@code max_tokens} (Anthropic, OpenAI Chat), {@code
 * max_completion_tokens} (OpenAI Chat), {@code max_output_tokens} (OpenAI Responses), {@code
 * generationConfig.maxOutputTokens} (Gemini).
 *
 * @param characters text characters; a body that is not JSON counts its bytes
 * @param maxOutputTokens the first output cap found, when the request sets one
 */
public record PromptSize(long characters, OptionalLong maxOutputTokens) {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
            .build();
    private static final Set<String> TOP_LEVEL_CAPS = Set.of("max_tokens", "max_completion_tokens", "max_output_tokens");
    private static final Set<String> GEMINI_CONFIGS = Set.of("generationConfig", "generation_config");
    private static final Set<String> GEMINI_CAPS = Set.of("maxOutputTokens", "max_output_tokens");

    public static PromptSize of(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            long characters = 0;
            Long cap = null;
            boolean inGeminiConfig = false;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int depth = p.getParsingContext().getNestingDepth();
                switch (t) {
                    case FIELD_NAME -> {
                        String name = p.currentName();
                        if (depth > 1) {
                            characters += name.length();
                        }
                        JsonToken value = p.nextToken();
                        if (value == JsonToken.VALUE_NUMBER_INT && cap == null
                                && (depth == 1 && TOP_LEVEL_CAPS.contains(name) || depth == 2 && inGeminiConfig && GEMINI_CAPS.contains(name))) {
                            cap = p.getLongValue();
                        } else if (value == JsonToken.VALUE_STRING) {
                            characters += p.getTextLength();
                        } else if (value == JsonToken.START_OBJECT && depth == 1) {
                            inGeminiConfig = GEMINI_CONFIGS.contains(name);
                        }
                    }
                    case VALUE_STRING -> characters += depth > 0 ? p.getTextLength() : 0; // array elements
                    default -> { }
                }
            }
            return new PromptSize(characters, cap == null ? OptionalLong.empty() : OptionalLong.of(cap));
        } catch (IOException | RuntimeException e) {
            return new PromptSize(body.length, OptionalLong.empty());
        }
    }
}
