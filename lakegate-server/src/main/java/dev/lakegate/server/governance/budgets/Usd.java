package dev.lakegate.server.governance.budgets;

import java.math.BigDecimal;

/** Money in budgets: integer micro-dollars, so counters add up exactly across requests and gateways. */
public final class Usd {
    static final long MICROS_PER_USD = 1_000_000;

    private Usd() {}

    /** A cost as the usage row records it, to the nearest micro-dollar; null (unknown prices) costs nothing. */
    public static long micros(Double usd) {
        return usd == null ? 0 : Math.round(usd * MICROS_PER_USD);
    }

    public static double usd(long micros) {
        return micros / (double) MICROS_PER_USD;
    }

    /** {@code $5.00}, {@code $0.0015}: cents at least, micro-dollars where they matter. */
    public static String format(long micros) {
        BigDecimal usd = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return "$" + (usd.scale() < 2 ? usd.setScale(2) : usd).toPlainString();
    }
}
