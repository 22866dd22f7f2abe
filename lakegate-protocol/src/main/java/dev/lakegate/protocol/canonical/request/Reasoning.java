package dev.lakegate.protocol.canonical.request;

/**
 * How much the model should think before answering, and whether the client wants to see it. Vendors
 * speak either in effort levels (OpenAI, Anthropic {@code output_config.effort}, Gemini
 * {@code thinkingLevel}) or in token budgets (Anthropic {@code budget_tokens}, Gemini
 * {@code thinkingBudget}); {@link #budgetFor} and {@link #effortFor} convert between them. Every
 * component may be null: not given.
 *
 * @param mode Anthropic's switch ({@code enabled}, {@code adaptive}, {@code disabled}); Gemini budget
 *     -1 is adaptive, 0 disabled
 * @param includeThoughts the client wants the thinking text (Gemini {@code includeThoughts},
 *     Responses {@code reasoning.summary}, Anthropic thinking switched on)
 */
public record Reasoning(Mode mode, Effort effort, Integer budgetTokens, Boolean includeThoughts) {

    public enum Mode { ENABLED, ADAPTIVE, DISABLED }

    /** The union of the vendors' effort levels: OpenAI none…xhigh, Anthropic low…max, Gemini minimal…high. */
    public enum Effort { NONE, MINIMAL, LOW, MEDIUM, HIGH, XHIGH, MAX }

    /** Thinking switched off: explicitly disabled, or effort none. */
    public boolean off() {
        return mode == Mode.DISABLED || effort == Effort.NONE;
    }

    /** Token budget standing in for an effort level, for vendors that only take budgets. */
    public static int budgetFor(Effort effort) {
        return switch (effort) {
            case NONE -> 0;
            case MINIMAL -> 1024;
            case LOW -> 2048;
            case MEDIUM -> 8192;
            case HIGH -> 24576;
            case XHIGH, MAX -> 32768;
        };
    }

    /**
     * The budget for a vendor that only takes budgets: an explicit one as given, else one standing
     * in for the effort level, never more than half of {@code maxOutputTokens} (thinking counts
     * against the output limit everywhere, and an effort level should leave room for the answer).
     * Null when neither a budget nor an effort is given.
     */
    public Integer budget(Integer maxOutputTokens) {
        if (budgetTokens != null) {
            return budgetTokens;
        }
        if (effort == null) {
            return null;
        }
        int budget = budgetFor(effort);
        return maxOutputTokens == null ? budget : Math.min(budget, maxOutputTokens / 2);
    }

    /** Effort level standing in for a budget, for vendors that only take levels; never MINIMAL or beyond HIGH. */
    public static Effort effortFor(int budget) {
        if (budget <= 0) {
            return Effort.NONE;
        }
        return budget <= 2048 ? Effort.LOW : budget <= 8192 ? Effort.MEDIUM : Effort.HIGH;
    }
}
