package dev.lakegate.server.lake;

import dev.lakegate.lake.query.QueryResult;
import java.util.List;

/**
 * What a statement answers: a result set (possibly without columns, for DDL and GRANT). Values are
 * those of {@link QueryResult} (JSON-friendly: String, Boolean, numbers, List, Map, null); the SQL
 * API renders them as strings.
 *
 * @param truncated the query had more rows than were returned
 */
public record StatementResult(List<Column> columns, List<List<Object>> rows, boolean truncated) {
    public StatementResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * @param typeText Databricks' spelling, e.g. {@code STRING}, {@code STRUCT<a: BIGINT>}
     * @param typeName Databricks' type name, e.g. {@code STRING}, {@code LONG}, {@code STRUCT}
     */
    public record Column(String name, String typeText, String typeName) {
        static Column string(String name) {
            return new Column(name, "STRING", "STRING");
        }
    }

    /** DDL, GRANT, REVOKE: success without a result set. */
    static StatementResult done() {
        return new StatementResult(List.of(), List.of(), false);
    }

    static StatementResult of(QueryResult r) {
        return new StatementResult(r.columns().stream().map(c -> new Column(c.name(), c.typeText(), c.typeName())).toList(),
                r.rows(), r.truncated());
    }

    /** INSERT answers like Databricks: one row of affected and inserted row counts. */
    static StatementResult inserted(long rows) {
        return new StatementResult(List.of(new Column("num_affected_rows", "BIGINT", "LONG"), new Column("num_inserted_rows", "BIGINT", "LONG")),
                List.of(List.of(rows, rows)), false);
    }
}
