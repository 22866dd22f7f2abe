package dev.lakegate.server.governance.budgets;

/** Whose spend a budget counts (SPEC §3). */
public enum BudgetScope {
    USER("user"),
    SERVICE_PRINCIPAL("service principal"),
    GROUP("group"),
    ENDPOINT("endpoint");

    /** How messages name it, e.g. "group eng". */
    public final String label;

    BudgetScope(String label) {
        this.label = label;
    }
}
