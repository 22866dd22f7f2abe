package dev.lakegate.lake.query;

/** What one relation of a {@link QueryPlan} reads: a table's snapshot, or a view's rewritten query. */
public sealed interface Source permits TableScan, RewrittenSql {}
