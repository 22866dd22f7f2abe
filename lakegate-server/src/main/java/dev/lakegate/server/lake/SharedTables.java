package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.CatalogName;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.Securable;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.query.RowFilter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Tables that every principal may read, each seeing only its own rows (the usage table, the
 * dashboard's telemetry tables), and the gateway's views over them. Unity Catalog's row filters,
 * fixed by the gateway rather than granted: admins read every row; anyone else the rows whose owner
 * expression yields their name. The filter is the reader's, never a view owner's, so it holds
 * through any view. Registered on start, before the APIs serve, by name (a table created or
 * recreated later under that name is filtered too); kept in memory (the code, not the database,
 * says who sees what).
 */
final class SharedTables {
    private final Map<TableName, String> owners = new ConcurrentHashMap<>();
    private final Set<TableName> views = ConcurrentHashMap.newKeySet();

    /** Everyone reads {@code table}, the rows whose {@code owner} expression (see {@link RowFilter#owner}) names them. */
    void shareRows(TableName table, String owner) {
        owners.put(table, owner);
    }

    /** Everyone reads {@code view}; it must read only tables shared by {@link #shareRows}. */
    void shareView(TableName view) {
        views.add(view);
    }

    /** The rows {@code reader} may see of {@code table}: empty for all of them. */
    Optional<RowFilter> filter(TableName table, Access reader) {
        return reader.admin() ? Optional.empty() : Optional.ofNullable(owners.get(table)).map(o -> new RowFilter(o, reader.name()));
    }

    /** Whether every principal holds {@code privilege} on {@code on}: SELECT on what is shared, and the USE privileges to reach it. */
    boolean everyoneHolds(Privilege privilege, Securable on) {
        return switch (on) {
            case TableName t -> privilege == Privilege.SELECT && (owners.containsKey(t) || views.contains(t));
            case SchemaName s -> privilege == Privilege.USE_SCHEMA && shared().anyMatch(t -> t.schemaName().equals(s));
            case CatalogName c -> privilege == Privilege.USE_CATALOG && shared().anyMatch(t -> t.schemaName().catalogName().equals(c));
        };
    }

    private Stream<TableName> shared() {
        return Stream.concat(owners.keySet().stream(), views.stream());
    }
}
