package dev.lakegate.server.lane;

import dev.lakegate.protocol.scan.PromptSize;
import dev.lakegate.protocol.usage.Usage;

/**
 * Token counts where the upstream gave none (SPEC §4 {@code tokens_estimated}): (characters + 1) / 4 of
 * the request's text and of the answer's generated text. Used only then, off the common path.
 */
final class TokenEstimate {
    private TokenEstimate() {}

    /**
     * The usage to record for an answer: what the upstream reported when its answer ended normally;
     * otherwise the missing counts are estimated — all of them when it reported nothing (or only zeros,
     * as some OpenAI-compatible servers do), the output when the answer was cut short before its final
     * report (the agent hung up, the upstream broke off), so a cut-off answer is not recorded as free.
     *
     * @param complete the whole answer was relayed
     * @param answerCharacters generated text relayed to the agent
     */
    static Usage settle(Usage reported, boolean complete, byte[] requestBody, long answerCharacters) {
        if (reported.equals(Usage.NONE)) {
            return Usage.estimate(requestCharacters(requestBody), answerCharacters);
        }
        long output = Usage.estimateTokens(answerCharacters);
        if (complete || output <= reported.outputTokens()) {
            return reported;
        }
        return new Usage(reported.inputTokens(), output, reported.cacheReadTokens(), reported.cacheCreationTokens(),
                reported.cacheCreation1hTokens(), reported.reasoningTokens(), true);
    }

    /** Characters of the request's string values and field names (prompt, tool schemas, messages), not its JSON punctuation. */
    static long requestCharacters(byte[] body) {
        return PromptSize.of(body).characters();
    }
}
