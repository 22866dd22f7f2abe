package dev.lakegate.server.governance.budgets;

/** What an admin asks for when creating a budget; checked by {@link Budgets#create}. */
public record NewBudget(String name, BudgetScope scope, String subject, BudgetPeriod period, long limitMicros) {}
