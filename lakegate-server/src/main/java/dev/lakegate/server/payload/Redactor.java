package dev.lakegate.server.payload;

import dev.lakegate.server.provider.Secret;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from payload text before it is stored: the configured providers' keys wherever they
 * appear, anything shaped like a credential an agent's conversation may carry, and the endpoint's own
 * patterns. Each match becomes {@value #MASK}. Agents paste configuration files, shell history and curl
 * commands into their prompts, so a payload table without this would collect keys.
 *
 * @param secrets the providers' keys, replaced literally
 * @param patterns the endpoint's {@code redact_patterns}
 */
record Redactor(List<Secret> secrets, List<Pattern> patterns) {
    private static final String MASK = "[REDACTED]";

    /**
     * Gateway tokens ({@code lg_}), Anthropic and OpenAI keys ({@code sk-ant-…}, {@code sk-proj-…}, {@code sk-…}),
     * Google API keys ({@code AIza…}), and the value after {@code Bearer} in any header or text that carries one.
     * Lengths keep ordinary words out ("Bearer authentication" is prose, not a token).
     */
    private static final Pattern CREDENTIALS = Pattern.compile(String.join("|",
            "\\blg_[A-Za-z0-9_-]{20,}",
            "\\bsk-[A-Za-z0-9_-]{20,}",
            "\\bAIza[0-9A-Za-z_-]{35}",
            "(?<=\\b(?i:bearer)\\s{1,8})[A-Za-z0-9._~+/=-]{16,}"));
    private static final String REPLACEMENT = Matcher.quoteReplacement(MASK);

    /** {@code text} without credentials; null stays null. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        for (Secret secret : secrets) {
            text = secret.maskIn(text, MASK);
        }
        text = CREDENTIALS.matcher(text).replaceAll(REPLACEMENT);
        for (Pattern pattern : patterns) {
            text = pattern.matcher(text).replaceAll(REPLACEMENT);
        }
        return text;
    }
}
