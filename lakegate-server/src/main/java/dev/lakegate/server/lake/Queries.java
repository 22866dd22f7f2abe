package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.TableSnapshot;
import dev.lakegate.lake.query.QueryResult;
import dev.lakegate.lake.query.SqlEngine;
import dev.lakegate.lake.sql.Query;
import dev.lakegate.lake.sql.TableRef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a query: each {@code catalog.schema.table} it names must exist (404 at its position) and be
 * readable by the caller (USE_CATALOG, USE_SCHEMA, SELECT; 403), and is read at its current Delta
 * snapshot. DuckDB runs in the engine's sandbox, which reads those snapshots' files and nothing else.
 */
final class Queries {
    private final Catalog catalog;
    private final DeltaTables delta;

    Queries(Catalog catalog, DeltaTables delta) {
        this.catalog = catalog;
        this.delta = delta;
    }

    QueryResult run(SqlEngine engine, Query query, Access access) {
        Map<String, TableSnapshot> snapshots = new LinkedHashMap<>();
        for (TableRef ref : query.tables()) {
            TableName name = ref.name();
            if (!snapshots.containsKey(name.fullName())) {
                TableInfo table = catalog.getTable(name).orElseThrow(() -> LakeErrors.notFound(name, ref.pos()));
                access.requireWithUse(Privilege.SELECT, name);
                snapshots.put(name.fullName(), delta.open(table.location()).snapshot());
            }
        }
        return engine.execute(query.rewrite(n -> SqlEngine.viewName(n.fullName())), snapshots);
    }
}
