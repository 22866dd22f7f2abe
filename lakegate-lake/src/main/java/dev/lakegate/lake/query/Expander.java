package dev.lakegate.lake.query;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.sql.Query;
import dev.lakegate.lake.sql.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds a {@link QueryPlan}: rewrites a query's references to relation names and, depth first,
 * every view they reach. Each reference is resolved with the rights of the text it appears in
 * (every occurrence is checked); each relation is planned once.
 */
final class Expander {
  private final Map<String, Source> relations = new LinkedHashMap<>();
  private final List<TableName> path = new ArrayList<>();

  Expander(Optional<TableName> defining) {
    defining.ifPresent(path::add);
  }

  QueryPlan plan(Query query, Resolver resolver) {
    return new QueryPlan(rewrite(query, resolver), relations);
  }

  private RewrittenSql rewrite(Query query, Resolver resolver) {
    SqlWriter out = new SqlWriter();
    int at = 0;
    for (TableRef ref : query.tables()) {
      out.text(query.sql().substring(at, ref.start()));
      String name = ref.name().fullName();
      switch (resolver.resolve(ref)) {
        case Resolved.Table t -> relations.putIfAbsent(name, t.scan());
        case Resolved.View v -> view(ref, v);
      }
      out.relation(name, ref.aliased() ? null : ref.name().table());
      at = ref.end();
    }
    return out.text(query.sql().substring(at)).done();
  }

  private void view(TableRef ref, Resolved.View view) {
    TableName name = ref.name();
    if (path.contains(name)) {
      List<TableName> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      throw new SqlException(ref.pos() + ": view " + name + " references itself: "
          + cycle.stream().map(TableName::fullName).collect(Collectors.joining(" → ")));
    }
    if (relations.containsKey(name.fullName())) {
      return;
    }
    if (path.size() >= QueryPlan.MAX_VIEW_DEPTH) {
      throw new SqlException(ref.pos() + ": views nest deeper than " + QueryPlan.MAX_VIEW_DEPTH + " levels at " + name);
    }
    path.add(name);
    RewrittenSql definition = rewrite(view.definition(), view.resolver());
    path.removeLast();
    relations.put(name.fullName(), definition);
  }
}
