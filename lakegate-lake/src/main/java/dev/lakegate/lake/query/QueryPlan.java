package dev.lakegate.lake.query;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.sql.Query;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What DuckDB runs for one query: the query with each table reference replaced by a relation named
 * {@code "catalog.schema.table"}, and what each relation reads. A table is a scan of its snapshot;
 * a view is its own definition, rewritten the same way, which the sandbox turns into a DuckDB view
 * of that name. Views stay separate relations, not text pasted into the query: DuckDB binds a view
 * on its own, so the query's CTEs cannot stand in for the view's tables and the query's columns
 * cannot leak into the view's subqueries (DuckDB binds FROM subqueries laterally).
 *
 * @param relations relation name → what it reads, each view after the relations it reads
 */
public record QueryPlan(RewrittenSql query, Map<String, Source> relations) {
  /** Views nested deeper than this are refused (a cycle is refused as soon as it closes). */
  public static final int MAX_VIEW_DEPTH = 32;

  public QueryPlan {
    relations = Collections.unmodifiableMap(new LinkedHashMap<>(relations));
  }

  /** Plans {@code query}, resolving its references (and those of the views it reads) with {@code resolver}. */
  public static QueryPlan of(Query query, Resolver resolver) {
    return of(query, resolver, Optional.empty());
  }

  /**
   * @param defining the view whose new definition {@code query} is (CREATE VIEW): reaching that
   *     view again through other views is a cycle
   */
  public static QueryPlan of(Query query, Resolver resolver, Optional<TableName> defining) {
    return new Expander(defining).plan(query, resolver);
  }
}
