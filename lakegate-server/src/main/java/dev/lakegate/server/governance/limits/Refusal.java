package dev.lakegate.server.governance.limits;

import java.time.Duration;

/**
 * Why a request was refused: the limit that had no room, the bucket of it that frees up first, and when.
 *
 * @param retryAfter whole seconds, at least one: when that bucket renews (for tokens, when its debt is repaid)
 */
public record Refusal(Requirement requirement, BucketSpec bucket, long remaining, Duration retryAfter) {

    /** Names the limit that was hit and when to retry, e.g. {@code Rate limit exceeded (endpoint claude-opus: 60 requests per minute). …}. */
    public String message() {
        // "Please try again in Ns." is OpenAI's phrasing; agents take the wait itself from retry-after (docs/agents.md).
        return "Rate limit exceeded (" + requirement.describe() + "). Please try again in " + retryAfter.toSeconds() + "s.";
    }
}
