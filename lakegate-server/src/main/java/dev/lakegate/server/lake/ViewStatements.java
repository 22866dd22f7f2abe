package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.NewView;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.Relation;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.catalog.ViewInfo;
import dev.lakegate.lake.query.QueryPlan;
import dev.lakegate.lake.query.SqlEngine;
import dev.lakegate.lake.sql.Statement;
import io.delta.kernel.types.StructType;
import java.util.Optional;

/**
 * CREATE VIEW and DROP VIEW. Creating takes CREATE_TABLE on the schema (plus the USE privileges);
 * the query is planned with the creator's privileges, so a view never reads what its creator could
 * not, and bound by DuckDB for its columns. The creator owns the view, and the view reads with the
 * owner's privileges. Replacing a view also takes the right to drop it (admins and owners) and
 * makes the replacer its owner; dropping one is as for tables. Catalog {@code system} takes views
 * from admins (and the gateway) only.
 */
final class ViewStatements {
    private final Catalog catalog;
    private final Queries queries;
    private final SqlEngine engine;

    ViewStatements(Catalog catalog, Queries queries, SqlEngine engine) {
        this.catalog = catalog;
        this.queries = queries;
        this.engine = engine;
    }

    StatementResult create(Statement.CreateView v, Access a) {
        return create(v, a, null);
    }

    /**
     * As {@link #create(Statement.CreateView, Access)}, with the columns given rather than bound by DuckDB: the
     * gateway's own views, declared at every start, so a gateway that runs no query never loads DuckDB (its library
     * alone is 16 MB of resident memory). The query is still planned, so its tables and privileges are checked.
     */
    StatementResult create(Statement.CreateView v, Access a, StructType declared) {
        TableName name = v.name();
        SchemaName parent = name.schemaName();
        catalog.getSchema(parent).orElseThrow(() -> CatalogErrors.missingParent(parent));
        a.requireWritable(name);
        a.requireWithUse(Privilege.CREATE_TABLE, parent);
        Optional<Relation> existing = catalog.getRelation(name);
        if (existing.isPresent() && v.ifNotExists()) {
            return StatementResult.done();
        }
        if (existing.orElse(null) instanceof ViewInfo && v.orReplace()) {
            a.requireManage(name, "replace");
        }
        QueryPlan plan = queries.plan(v.query(), a, Optional.of(name));
        StructType columns = declared != null ? declared : engine.schema(plan);
        catalog.createView(new NewView(name, v.query().sql(), columns, v.comment()), a.name(), v.orReplace());
        return StatementResult.done();
    }

    StatementResult drop(Statement.DropView d, Access a) {
        TableName name = d.name();
        Optional<Relation> existing = catalog.getRelation(name);
        if (existing.isEmpty()) {
            if (d.ifExists()) {
                return StatementResult.done();
            }
            throw LakeErrors.notFound("view " + name + " does not exist");
        }
        if (existing.get() instanceof TableInfo) {
            throw LakeErrors.invalid(name + " is a table, not a view; use DROP TABLE " + name);
        }
        a.requireWritable(name);
        a.requireManage(name, "drop");
        catalog.dropView(name);
        return StatementResult.done();
    }
}
