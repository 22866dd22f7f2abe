package dev.lakegate.server.governance.budgets;

import dev.lakegate.protocol.scan.PromptSize;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.pipeline.Exchange;
import dev.lakegate.server.pipeline.Interceptor;
import dev.lakegate.server.provider.Destination;
import dev.lakegate.server.surface.Operation;
import dev.lakegate.server.usage.Pricing;

/**
 * Admits a generation request only if every budget that applies to it has room for its estimated cost,
 * and settles it with its actual cost when it ends — answered, failed upstream, cut short, abandoned by
 * the agent or refused further down the pipeline: the settlement is in a {@code finally}. Token counts and
 * model lists cost nothing and pass. Runs after the route is planned: the estimate uses the prices of the
 * first destination.
 */
public final class EnforceBudgets implements Interceptor {
    /** Output assumed when the request sets no cap. */
    static final long DEFAULT_OUTPUT_TOKENS = 4_096;
    /** Caps the assumed output: agents ask for up to 128k tokens and rarely get it; a hold that large would refuse too early. */
    static final long MAX_OUTPUT_TOKENS = 8_192;

    private final Budgets budgets;

    public EnforceBudgets(Budgets budgets) {
        this.budgets = budgets;
    }

    @Override
    public void intercept(Exchange exchange, Chain chain) throws Exception {
        if (exchange.route().operation().kind() != Operation.Kind.GENERATE) {
            chain.proceed(exchange);
            return;
        }
        Destination first = exchange.plan().isEmpty() ? null : exchange.plan().getFirst();
        Admission admission = budgets.admit(exchange.requestId(), Spender.of(exchange.caller(), exchange.endpoint().name()),
                () -> estimateMicros(exchange.body(), first == null ? null : first.pricing()), exchange.receivedAt());
        try {
            chain.proceed(exchange);
        } finally {
            budgets.settle(admission, exchange.costUsd());
        }
    }

    /**
     * The request's cost if it used its whole output cap: the prompt's (characters + 1) / 4 tokens at the input
     * price plus min(cap, {@value #MAX_OUTPUT_TOKENS}) output tokens ({@value #DEFAULT_OUTPUT_TOKENS} when it sets
     * none) at the output price, in micro-dollars rounded up. Without prices, 0: nothing to hold, the settled cost
     * (also 0) is what counts.
     */
    static long estimateMicros(byte[] body, Pricing pricing) {
        if (pricing == null) {
            return 0;
        }
        PromptSize size = PromptSize.of(body);
        long output = Math.clamp(size.maxOutputTokens().orElse(DEFAULT_OUTPUT_TOKENS), 0, MAX_OUTPUT_TOKENS);
        // Tokens × USD per million tokens = micro-dollars.
        return (long) Math.ceil(Usage.estimateTokens(size.characters()) * pricing.input() + output * pricing.output());
    }
}
