package dev.lakegate.lake.sql;

import dev.lakegate.lake.catalog.TableName;

/**
 * A {@code catalog.schema.table} in a FROM or JOIN position of a query. {@code start}/{@code end}
 * delimit it in {@link Query#sql()}; {@code pos} is where it stands in the original statement;
 * {@code aliased} tells whether an alias follows (if not, a rewrite must add one so that {@code
 * t.col} still resolves).
 */
public record TableRef(TableName name, int start, int end, boolean aliased, Pos pos) {}
