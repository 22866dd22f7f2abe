package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.catalog.ViewInfo;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.query.QueryPlan;
import dev.lakegate.lake.query.QueryResult;
import dev.lakegate.lake.query.Resolved;
import dev.lakegate.lake.query.Resolver;
import dev.lakegate.lake.query.SqlEngine;
import dev.lakegate.lake.query.TableScan;
import dev.lakegate.lake.sql.Query;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.governance.Caller;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plans and runs queries. Each {@code catalog.schema.table} a query names must exist (404 at its
 * position) and be readable by the caller (USE_CATALOG, USE_SCHEMA, SELECT; 403); a table is read
 * at its current Delta snapshot, a view through its definition, whose names are checked against
 * the view owner's privileges (Unity Catalog's definer rights). Row filters are the caller's
 * ({@link SharedTables}), also inside views. DuckDB runs in the engine's sandbox, which reads the
 * plan's relations and nothing else.
 */
final class Queries {
    private final Catalog catalog;
    private final DeltaTables delta;
    private final SharedTables shared;
    private final Function<String, Optional<Caller>> owners;

    /** @param owners a principal with its groups by any spelling of its name; empty when unknown */
    Queries(Catalog catalog, DeltaTables delta, SharedTables shared, Function<String, Optional<Caller>> owners) {
        this.catalog = catalog;
        this.delta = delta;
        this.shared = shared;
        this.owners = owners;
    }

    QueryResult run(SqlEngine engine, Query query, Access access) {
        return engine.execute(plan(query, access, Optional.empty()));
    }

    /**
     * @param defining the view {@code query} defines (CREATE VIEW), whose rights are {@code access}'s and
     *     which the query may not reach again
     */
    QueryPlan plan(Query query, Access access, Optional<TableName> defining) {
        return QueryPlan.of(query, resolver(access, access, new HashMap<>(), Optional.empty()), defining);
    }

    /**
     * @param rights whose privileges the names are checked against
     * @param reader who runs the query: the row filters are theirs
     * @param scans the tables this query opened so far (one snapshot per table)
     * @param in the view whose definition is resolved, named in errors
     */
    private Resolver resolver(Access rights, Access reader, Map<TableName, TableScan> scans, Optional<ViewInfo> in) {
        return ref -> {
            try {
                TableName name = ref.name();
                var relation = catalog.getRelation(name).orElseThrow(() -> LakeErrors.notFound(name, ref.pos()));
                rights.requireWithUse(Privilege.SELECT, name);
                return switch (relation) {
                    case TableInfo t -> new Resolved.Table(scans.computeIfAbsent(name,
                            n -> new TableScan(delta.open(t.location()).snapshot(), shared.filter(n, reader))));
                    case ViewInfo v -> new Resolved.View(SqlParser.parseQuery(v.definition()),
                            resolver(ownerRights(v), reader, scans, Optional.of(v)));
                };
            } catch (GatewayException e) {
                throw in.map(v -> LakeErrors.inView(v.name(), e)).orElse(e);
            }
        };
    }

    /** A view reads with its owner's privileges, as long as the owner is an active principal (or the gateway). */
    private Access ownerRights(ViewInfo view) {
        if (view.owner().equals(Lake.SYSTEM_OWNER)) {
            return Access.system(catalog, shared);
        }
        Caller owner = owners.apply(view.owner()).filter(o -> o.principal().active()).orElseThrow(() -> LakeErrors.denied(
                "view " + view.name() + " reads with the privileges of its owner " + view.owner() + ", who is no longer an active "
                        + "principal; an admin can recreate it (CREATE OR REPLACE VIEW) to become its owner"));
        return Access.of(catalog, shared, owner);
    }
}
