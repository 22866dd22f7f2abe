package dev.lakegate.server.lane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.usage.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** (characters + 1) / 4 where the upstream gave no counts, and only there (SPEC §4 tokens_estimated). */
class TokenEstimateTest {
    /** 36 characters of names and values: "e2e-cursor", "role", "user", "content", "hello there" (the top level's names are not counted). */
    private static final byte[] REQUEST = "{\"model\":\"e2e-cursor\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void anAnswerWithoutUsageIsEstimatedFromTheRequestAndTheAnswerText() {
        assertThat(TokenEstimate.requestCharacters(REQUEST)).isEqualTo(36);
        assertThat(TokenEstimate.settle(Usage.NONE, true, REQUEST, 15)).isEqualTo(new Usage(9, 4, 0, 0, 0, true));
        assertThat(TokenEstimate.settle(new Usage(0, 0, 0, 0, 0, false), true, REQUEST, 15))
                .as("a report of zeros, as some OpenAI-compatible servers send, is no report").isEqualTo(new Usage(9, 4, 0, 0, 0, true));
        assertThat(TokenEstimate.settle(Usage.NONE, false, REQUEST, 0)).as("cut off before any text").isEqualTo(new Usage(9, 0, 0, 0, 0, true));
    }

    @Test
    void reportedCountsAreKeptAndNeverFlagged() {
        Usage reported = new Usage(2_000, 40, 1_500, 100, 20, 8, false);
        assertThat(TokenEstimate.settle(reported, true, REQUEST, 10_000)).isSameAs(reported);
        assertThat(TokenEstimate.settle(reported, false, REQUEST, 100)).as("cut off after the final report").isSameAs(reported);
    }

    @Test
    void anAnswerCutShortBeforeItsFinalReportHasItsOutputEstimated() {
        // Anthropic's message_start gave the prompt's counts; the message_delta with the output never came
        Usage start = new Usage(2_000, 1, 1_500, 100, 20, 0, false);
        assertThat(TokenEstimate.settle(start, false, REQUEST, 399)).isEqualTo(new Usage(2_000, 100, 1_500, 100, 20, 0, true));
    }

    @Test
    void aBodyThatIsNotJsonCountsItsBytes() {
        assertThat(TokenEstimate.requestCharacters("not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(8);
    }
}
