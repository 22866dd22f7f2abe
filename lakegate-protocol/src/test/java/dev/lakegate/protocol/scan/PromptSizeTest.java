package dev.lakegate.protocol.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PromptSizeTest {

    private static PromptSize of(String json) {
        return PromptSize.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsStringValuesAndNestedFieldNamesButNotTheTopLevelKeys() {
        // "e2e-cursor" 10 + "role" 4 + "user" 4 + "content" 7 + "hello there" 11
        assertThat(of("{\"model\":\"e2e-cursor\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}").characters())
                .isEqualTo(36);
        assertThat(of("{\"stop\":[\"a\",\"bc\"],\"x\":{\"k\":[\"\\u00e9t\\u00e9\"]}}").characters()).as("array elements, escapes decoded")
                .isEqualTo(1 + 2 + 1 + 3);
    }

    @Test
    void findsTheOutputCapOfEachDialect() {
        assertThat(of("{\"model\":\"m\",\"max_tokens\":1024}").maxOutputTokens()).hasValue(1024);
        assertThat(of("{\"max_completion_tokens\":300,\"messages\":[]}").maxOutputTokens()).hasValue(300);
        assertThat(of("{\"input\":\"hi\",\"max_output_tokens\":77}").maxOutputTokens()).hasValue(77);
        assertThat(of("{\"contents\":[],\"generationConfig\":{\"temperature\":1,\"maxOutputTokens\":8000}}").maxOutputTokens()).hasValue(8000);
        assertThat(of("{\"generation_config\":{\"max_output_tokens\":12}}").maxOutputTokens()).hasValue(12);
    }

    @Test
    void ignoresCapsThatAreNotTheRequestsOwn() {
        assertThat(of("{\"messages\":[{\"max_tokens\":5}],\"tools\":{\"maxOutputTokens\":6},\"max_tokens\":null}").maxOutputTokens())
                .isEqualTo(OptionalLong.empty());
        assertThat(of("{\"generationConfig\":{\"x\":{\"maxOutputTokens\":6}}}").maxOutputTokens()).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonCountsItsBytes() {
        assertThat(of("not json")).isEqualTo(new PromptSize(8, OptionalLong.empty()));
    }
}
