package dev.lakegate.server.governance.budgets;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.store.WindowCounter;

/**
 * The refusal of a request a budget has no room for (SPEC §3): 403-class and never retryable on any
 * surface ({@link ErrorCategory#BUDGET_EXCEEDED}), naming the budget and when it resets, so an agent stops
 * instead of spinning and its user knows whom to ask and until when.
 */
final class BudgetRefusal {
    private BudgetRefusal() {}

    static GatewayException of(Budget budget, Window window, WindowCounter counter, long estimateMicros) {
        StringBuilder m = new StringBuilder("Budget ").append(budget.describe()).append(" is spent: ")
                .append(Usd.format(counter.spentMicros())).append(" used");
        if (counter.reservedMicros() > 0) {
            m.append(", ").append(Usd.format(counter.reservedMicros())).append(" held by requests in progress");
        }
        long left = budget.limitMicros() - counter.spentMicros() - counter.reservedMicros();
        if (left > 0) {
            // Refused before the limit is reached: say why, or "spent" reads as wrong.
            m.append(", and this request's estimated ").append(Usd.format(estimateMicros)).append(" does not fit in the ")
                    .append(Usd.format(left)).append(" left");
        }
        m.append("; it resets at ").append(window.end()).append('.');
        return new GatewayException(GatewayError.of(ErrorCategory.BUDGET_EXCEEDED, m.toString()));
    }
}
