package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.CatalogException;
import dev.lakegate.lake.catalog.CatalogName;
import dev.lakegate.lake.catalog.Locations;
import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.catalog.TableType;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.TableSnapshot;
import dev.lakegate.lake.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CREATE and DROP. Who may: catalogs are created by admins; schemas by admins and holders of
 * ALL_PRIVILEGES on the catalog (its owner included); tables by holders of CREATE_TABLE on the
 * schema (plus the USE privileges). DROP takes an admin or the owner of the object or of what
 * contains it. Nothing but admins writes into catalog {@code system}, and it is never dropped.
 * DROP TABLE drops tables only (views have DROP VIEW, {@link ViewStatements}); dropping a schema
 * or catalog takes its views along. An external table ({@code LOCATION}) must lie inside one of {@code
 * lake.external_locations}; without that list only admins create external tables, anywhere — else anyone
 * allowed to create a table could write a Delta log into any folder the gateway can write, or read one.
 */
final class Ddl {
    private final Catalog catalog;
    private final DeltaTables delta;
    private final ManagedFiles files;
    private final TableWriters writers;
    /** {@code lake.external_locations}; null when not configured. */
    private final List<String> externalLocations;

    Ddl(Catalog catalog, DeltaTables delta, ManagedFiles files, TableWriters writers, List<String> externalLocations) {
        this.catalog = catalog;
        this.delta = delta;
        this.files = files;
        this.writers = writers;
        this.externalLocations = externalLocations;
    }

    StatementResult createCatalog(Statement.CreateCatalog c, Access a) {
        if (!a.admin()) {
            throw LakeErrors.denied(a.name() + " may not create catalog " + c.name() + ": only admins create catalogs");
        }
        return ignoringExisting(c.ifNotExists(), () -> catalog.createCatalog(c.name(), c.comment(), a.name()));
    }

    StatementResult createSchema(Statement.CreateSchema s, Access a) {
        CatalogName parent = s.name().catalogName();
        catalog.getCatalog(parent).orElseThrow(() -> CatalogErrors.missingParent(parent));
        a.requireWritable(s.name());
        a.requireWithUse(Privilege.ALL_PRIVILEGES, parent);
        return ignoringExisting(s.ifNotExists(), () -> catalog.createSchema(s.name(), s.comment(), a.name()));
    }

    /**
     * Records the table (which assigns a managed location), then creates the Delta table there with
     * exactly the schema and properties; if that fails, the record (and a managed folder) goes again. Without columns, an
     * existing Delta table at LOCATION is registered with the schema and properties of its log.
     */
    StatementResult createTable(Statement.CreateTable c, Access a) {
        TableName name = c.table().name();
        SchemaName parent = name.schemaName();
        catalog.getSchema(parent).orElseThrow(() -> CatalogErrors.missingParent(parent));
        a.requireWritable(name);
        a.requireWithUse(Privilege.CREATE_TABLE, parent);
        c.table().location().ifPresent(location -> requireExternalLocation(location, a));
        if (c.ifNotExists() && catalog.getRelation(name).isPresent()) {
            return StatementResult.done();
        }
        NewTable table = c.table().columns().length() > 0 ? c.table() : fromLog(c.table());
        return ignoringExisting(c.ifNotExists(), () -> {
            TableInfo info = catalog.createTable(table, a.name());
            try {
                delta.create(info.location(), info.columns(), info.properties());
            } catch (RuntimeException e) {
                catalog.dropTable(name);
                if (info.tableType() == TableType.MANAGED) {
                    files.delete(info.location()); // whatever a failed create left behind
                }
                throw e;
            }
        });
    }

    private void requireExternalLocation(String location, Access a) {
        if (externalLocations == null) {
            if (!a.admin()) {
                throw LakeErrors.denied(a.name() + " may not create an external table (LOCATION): only admins may, unless the "
                        + "operator lists where others may in lake.external_locations; omit LOCATION for a managed table");
            }
        } else if (externalLocations.stream().noneMatch(root -> Locations.inside(location, root))) {
            throw LakeErrors.denied("LOCATION '" + location + "' is outside the external locations this gateway allows ("
                    + String.join(", ", externalLocations) + "; lake.external_locations)");
        }
    }

    StatementResult drop(Statement.Drop d, Access a) {
        if (d.target().equals(Access.SYSTEM)) {
            throw LakeErrors.denied("catalog system holds the gateway's own tables and cannot be dropped");
        }
        if (d.target() instanceof TableName t && catalog.getView(t).isPresent()) {
            throw LakeErrors.invalid(t + " is a view, not a table; use DROP VIEW " + t);
        }
        boolean exists = switch (d.target()) {
            case CatalogName c -> catalog.getCatalog(c).isPresent();
            case SchemaName s -> catalog.getSchema(s).isPresent();
            case TableName t -> catalog.getTable(t).isPresent();
        };
        if (!exists) {
            if (d.ifExists()) {
                return StatementResult.done();
            }
            throw LakeErrors.notFound(d.target());
        }
        a.requireWritable(d.target());
        a.requireManage(d.target(), "drop");
        List<TableInfo> doomed = tablesInside(d);
        doomed.forEach(t -> writers.retire(t.location()));
        switch (d.target()) {
            case CatalogName c -> catalog.dropCatalog(c, d.cascade());
            case SchemaName s -> catalog.dropSchema(s, d.cascade());
            case TableName t -> catalog.dropTable(t);
        }
        doomed.stream().filter(t -> t.tableType() == TableType.MANAGED).forEach(t -> files.delete(t.location()));
        return StatementResult.done();
    }

    private List<TableInfo> tablesInside(Statement.Drop d) {
        List<TableInfo> out = new ArrayList<>();
        switch (d.target()) {
            case CatalogName c -> catalog.listSchemas(c).forEach(s -> out.addAll(catalog.listTables(s.name())));
            case SchemaName s -> out.addAll(catalog.listTables(s));
            case TableName t -> catalog.getTable(t).ifPresent(out::add);
        }
        return out;
    }

    private NewTable fromLog(NewTable given) {
        String location = given.location().orElseThrow(); // the parser requires LOCATION without columns
        TableSnapshot s = delta.open(location).snapshot();
        Map<String, String> properties = new LinkedHashMap<>(s.properties());
        properties.putAll(given.properties());
        return new NewTable(given.name(), s.schema(), given.location(), properties, given.comment());
    }

    private static StatementResult ignoringExisting(boolean ifNotExists, Runnable create) {
        try {
            create.run();
        } catch (CatalogException e) {
            if (!ifNotExists || e.kind() != CatalogException.Kind.ALREADY_EXISTS) {
                throw e;
            }
        }
        return StatementResult.done();
    }
}
