package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.CatalogException;
import dev.lakegate.lake.catalog.CatalogInfo;
import dev.lakegate.lake.catalog.CatalogName;
import dev.lakegate.lake.catalog.Grant;
import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.catalog.NewView;
import dev.lakegate.lake.catalog.SchemaInfo;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.Securable;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.server.store.StoreDatabase;
import dev.lakegate.lake.catalog.ViewInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@link Catalog} on the control-plane database (tables of migrations V2 and V3), with the
 * semantics of {@code InMemoryCatalog}: same checks, same messages, same managed locations
 * ({@code <managedRoot>/<catalog>/<schema>/<table>-<uuid>}). Every write is one transaction, run
 * alone even with several gateways on the database ({@link StoreDatabase}), so its checks hold;
 * tables, views and grants live in {@link SqlTables}, {@link SqlViews} and {@link SqlGrants}.
 */
public final class SqlCatalog implements Catalog {
    private final Jdbi jdbi;
    private final Clock clock;
    private final SqlTables tables;

    /** {@code database} is open and migrated (V2 holds the catalog). */
    public SqlCatalog(StoreDatabase database, String managedRoot, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
        this.tables = new SqlTables(managedRoot.endsWith("/") ? managedRoot.substring(0, managedRoot.length() - 1) : managedRoot);
    }

    @Override
    public CatalogInfo createCatalog(CatalogName name, Optional<String> comment, String owner) {
        return jdbi.inTransaction(h -> {
            if (catalog(h, name).isPresent()) {
                throw CatalogErrors.exists(name);
            }
            Instant now = Stamps.now(clock);
            CatalogInfo info = new CatalogInfo(name, comment, owner, now, now);
            h.createUpdate("INSERT INTO catalogs (name, comment, owner, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, name.name()).bind(1, comment.orElse(null)).bind(2, owner)
                    .bind(3, info.createdAt().toEpochMilli()).bind(4, info.updatedAt().toEpochMilli()).execute();
            return info;
        });
    }

    @Override
    public Optional<CatalogInfo> getCatalog(CatalogName name) {
        return jdbi.withHandle(h -> catalog(h, name));
    }

    @Override
    public List<CatalogInfo> listCatalogs() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM catalogs ORDER BY name").map((rs, ctx) -> CatalogRows.catalog(rs)).list());
    }

    @Override
    public boolean dropCatalog(CatalogName name, boolean cascade) {
        return jdbi.inTransaction(h -> {
            if (catalog(h, name).isEmpty()) {
                return false;
            }
            List<SchemaInfo> inside = schemas(h, name);
            if (!inside.isEmpty() && !cascade) {
                throw CatalogErrors.notEmpty(name, inside.size() + " schema(s)");
            }
            for (SchemaInfo s : inside) {
                dropSchema(h, s.name(), true);
            }
            SqlGrants.deleteOn(h, name);
            h.createUpdate("DELETE FROM catalogs WHERE name = ?").bind(0, name.name()).execute();
            return true;
        });
    }

    @Override
    public SchemaInfo createSchema(SchemaName name, Optional<String> comment, String owner) {
        return jdbi.inTransaction(h -> {
            if (catalog(h, name.catalogName()).isEmpty()) {
                throw CatalogErrors.missingParent(name.catalogName());
            }
            if (schema(h, name).isPresent()) {
                throw CatalogErrors.exists(name);
            }
            Instant now = Stamps.now(clock);
            SchemaInfo info = new SchemaInfo(name, comment, owner, now, now);
            h.createUpdate("INSERT INTO schemas (catalog_name, name, comment, owner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .bind(0, name.catalog()).bind(1, name.schema()).bind(2, comment.orElse(null)).bind(3, owner)
                    .bind(4, info.createdAt().toEpochMilli()).bind(5, info.updatedAt().toEpochMilli()).execute();
            return info;
        });
    }

    @Override
    public Optional<SchemaInfo> getSchema(SchemaName name) {
        return jdbi.withHandle(h -> schema(h, name));
    }

    @Override
    public List<SchemaInfo> listSchemas(CatalogName catalog) {
        return jdbi.withHandle(h -> schemas(h, catalog));
    }

    @Override
    public boolean dropSchema(SchemaName name, boolean cascade) {
        return jdbi.inTransaction(h -> dropSchema(h, name, cascade));
    }

    @Override
    public TableInfo createTable(NewTable table, String owner) {
        return jdbi.inTransaction(h -> {
            if (schema(h, table.name().schemaName()).isEmpty()) {
                throw CatalogErrors.missingParent(table.name().schemaName());
            }
            if (SqlViews.get(h, table.name()).isPresent()) {
                throw CatalogException.viewExists(table.name());
            }
            return tables.create(h, table, owner, Stamps.now(clock));
        });
    }

    @Override
    public Optional<TableInfo> getTable(TableName name) {
        return jdbi.withHandle(h -> SqlTables.get(h, name));
    }

    @Override
    public List<TableInfo> listTables(SchemaName schema) {
        return jdbi.withHandle(h -> SqlTables.list(h, schema));
    }

    @Override
    public Optional<TableInfo> dropTable(TableName name) {
        return jdbi.inTransaction(h -> SqlTables.drop(h, name));
    }

    @Override
    public TableInfo updateTable(TableInfo table) {
        return jdbi.inTransaction(h -> SqlTables.update(h, table, Stamps.now(clock)));
    }

    @Override
    public ViewInfo createView(NewView view, String owner, boolean replace) {
        return jdbi.inTransaction(h -> {
            TableName name = view.name();
            if (schema(h, name.schemaName()).isEmpty()) {
                throw CatalogErrors.missingParent(name.schemaName());
            }
            if (SqlTables.get(h, name).isPresent()) {
                throw replace ? CatalogException.tableNotView(name) : CatalogErrors.exists(name);
            }
            return SqlViews.create(h, view, owner, replace, Stamps.now(clock));
        });
    }

    @Override
    public Optional<ViewInfo> getView(TableName name) {
        return jdbi.withHandle(h -> SqlViews.get(h, name));
    }

    @Override
    public List<ViewInfo> listViews(SchemaName schema) {
        return jdbi.withHandle(h -> SqlViews.list(h, schema));
    }

    @Override
    public boolean dropView(TableName name) {
        return jdbi.inTransaction(h -> SqlViews.drop(h, name));
    }

    @Override
    public void grant(Grant grant) {
        jdbi.useTransaction(h -> {
            if (!exists(h, grant.securable())) {
                throw CatalogErrors.notFound(grant.securable());
            }
            SqlGrants.insert(h, grant, Stamps.now(clock));
        });
    }

    @Override
    public boolean revoke(Grant grant) {
        return jdbi.inTransaction(h -> SqlGrants.delete(h, grant));
    }

    @Override
    public List<Grant> grantsOn(Securable securable) {
        return jdbi.withHandle(h -> SqlGrants.on(h, securable));
    }

    @Override
    public List<Grant> grantsTo(String principal) {
        return jdbi.withHandle(h -> SqlGrants.to(h, principal));
    }

    private static boolean dropSchema(Handle h, SchemaName name, boolean cascade) {
        if (schema(h, name).isEmpty()) {
            return false;
        }
        List<TableInfo> tablesInside = SqlTables.list(h, name);
        List<ViewInfo> viewsInside = SqlViews.list(h, name);
        int inside = tablesInside.size() + viewsInside.size();
        if (inside > 0 && !cascade) {
            throw CatalogErrors.notEmpty(name, inside + " table(s)");
        }
        for (TableInfo t : tablesInside) {
            SqlTables.drop(h, t.name());
        }
        for (ViewInfo v : viewsInside) {
            SqlViews.drop(h, v.name());
        }
        SqlGrants.deleteOn(h, name);
        h.createUpdate("DELETE FROM schemas WHERE catalog_name = ? AND name = ?").bind(0, name.catalog()).bind(1, name.schema()).execute();
        return true;
    }

    private static boolean exists(Handle h, Securable s) {
        return switch (s) {
            case CatalogName c -> catalog(h, c).isPresent();
            case SchemaName sc -> schema(h, sc).isPresent();
            case TableName t -> SqlTables.get(h, t).isPresent() || SqlViews.get(h, t).isPresent();
        };
    }

    private static Optional<CatalogInfo> catalog(Handle h, CatalogName name) {
        return h.createQuery("SELECT * FROM catalogs WHERE name = ?").bind(0, name.name()).map((rs, ctx) -> CatalogRows.catalog(rs)).findOne();
    }

    private static Optional<SchemaInfo> schema(Handle h, SchemaName name) {
        return h.createQuery("SELECT * FROM schemas WHERE catalog_name = ? AND name = ?").bind(0, name.catalog()).bind(1, name.schema())
                .map((rs, ctx) -> CatalogRows.schema(rs)).findOne();
    }

    private static List<SchemaInfo> schemas(Handle h, CatalogName catalog) {
        return h.createQuery("SELECT * FROM schemas WHERE catalog_name = ? ORDER BY name").bind(0, catalog.name())
                .map((rs, ctx) -> CatalogRows.schema(rs)).list();
    }
}
