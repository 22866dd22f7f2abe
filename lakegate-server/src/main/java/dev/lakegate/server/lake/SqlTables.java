package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.DataSourceFormat;
import dev.lakegate.lake.catalog.Locations;
import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The {@code tables} rows of {@link SqlCatalog}; every method runs on the caller's handle (transaction). */
final class SqlTables {
    private final String managedRoot;

    SqlTables(String managedRoot) {
        this.managedRoot = managedRoot;
    }

    /** The schema exists (the caller checked); refuses a duplicate and external data overlapping other data. */
    TableInfo create(Handle h, NewTable table, String owner, Instant now) {
        TableName name = table.name();
        if (get(h, name).isPresent()) {
            throw CatalogErrors.exists(name);
        }
        String location = table.location().orElseGet(() -> managedRoot + "/" + name.catalog() + "/" + name.schema() + "/"
                + name.table() + "-" + UUID.randomUUID());
        if (table.location().isPresent()) {
            refuseOverlap(h, location);
        }
        TableInfo info = new TableInfo(name, table.columns(), location, table.properties(), table.comment(), owner, now, now,
                table.tableType(), DataSourceFormat.DELTA);
        h.createUpdate("INSERT INTO tables (" + CatalogRows.TABLE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, name.catalog()).bind(1, name.schema()).bind(2, name.table())
                .bind(3, info.tableType().name()).bind(4, info.dataSourceFormat().name())
                .bind(5, CatalogRows.columnsJson(info.columns())).bind(6, location)
                .bind(7, CatalogRows.propertiesJson(info.properties())).bind(8, info.comment().orElse(null))
                .bind(9, owner).bind(10, now.toEpochMilli()).bind(11, now.toEpochMilli())
                .execute();
        return info;
    }

    static Optional<TableInfo> get(Handle h, TableName name) {
        return h.createQuery("SELECT " + CatalogRows.TABLE_COLUMNS + " FROM tables WHERE catalog_name = ? AND schema_name = ? AND name = ?")
                .bind(0, name.catalog()).bind(1, name.schema()).bind(2, name.table())
                .map((rs, ctx) -> CatalogRows.table(rs)).findOne();
    }

    static List<TableInfo> list(Handle h, SchemaName schema) {
        return h.createQuery("SELECT " + CatalogRows.TABLE_COLUMNS + " FROM tables WHERE catalog_name = ? AND schema_name = ? ORDER BY name")
                .bind(0, schema.catalog()).bind(1, schema.schema())
                .map((rs, ctx) -> CatalogRows.table(rs)).list();
    }

    static Optional<TableInfo> drop(Handle h, TableName name) {
        Optional<TableInfo> existing = get(h, name);
        if (existing.isPresent()) {
            SqlGrants.deleteOn(h, name);
            h.createUpdate("DELETE FROM tables WHERE catalog_name = ? AND schema_name = ? AND name = ?")
                    .bind(0, name.catalog()).bind(1, name.schema()).bind(2, name.table()).execute();
        }
        return existing;
    }

    /** Columns, properties, comment and owner change; identity, location, type and creation time do not. */
    static TableInfo update(Handle h, TableInfo table, Instant now) {
        TableInfo old = get(h, table.name()).orElseThrow(() -> CatalogErrors.notFound(table.name()));
        TableInfo updated = new TableInfo(old.name(), table.columns(), old.location(), table.properties(), table.comment(), table.owner(),
                old.createdAt(), now, old.tableType(), old.dataSourceFormat());
        h.createUpdate("UPDATE tables SET columns_json = ?, properties_json = ?, comment = ?, owner = ?, updated_at = ?"
                        + " WHERE catalog_name = ? AND schema_name = ? AND name = ?")
                .bind(0, CatalogRows.columnsJson(updated.columns())).bind(1, CatalogRows.propertiesJson(updated.properties()))
                .bind(2, updated.comment().orElse(null)).bind(3, updated.owner()).bind(4, now.toEpochMilli())
                .bind(5, old.name().catalog()).bind(6, old.name().schema()).bind(7, old.name().table())
                .execute();
        return updated;
    }

    /** External data must not sit inside managed storage or another table (it would be shared). */
    private void refuseOverlap(Handle h, String location) {
        if (Locations.overlaps(location, managedRoot)) {
            throw CatalogErrors.invalid("LOCATION '" + location + "' overlaps the managed storage " + managedRoot
                    + "; omit LOCATION for a managed table");
        }
        List<String[]> all = h.createQuery("SELECT catalog_name, schema_name, name, location FROM tables")
                .map((rs, ctx) -> new String[] {rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3), rs.getString(4)})
                .list();
        for (String[] t : all) {
            if (Locations.overlaps(location, t[1])) {
                throw CatalogErrors.invalid("LOCATION '" + location + "' overlaps the location of table " + t[0]);
            }
        }
    }
}
