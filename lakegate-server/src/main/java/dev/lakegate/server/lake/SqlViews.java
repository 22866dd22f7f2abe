package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.CatalogException;
import dev.lakegate.lake.catalog.NewView;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.catalog.ViewInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code views} rows of {@link SqlCatalog} (migration V3); every method runs on the caller's handle (transaction). */
final class SqlViews {
    private static final String COLUMNS = "catalog_name, schema_name, name, definition, columns_json, comment, owner, created_at, updated_at";
    private static final String BY_NAME = " WHERE catalog_name = ? AND schema_name = ? AND name = ?";

    private SqlViews() {}

    /**
     * The schema exists and no table holds the name (the caller checked). A replace is one upsert, so
     * gateways replacing their views on start at the same time do not collide; it keeps {@code created_at}.
     */
    static ViewInfo create(Handle h, NewView view, String owner, boolean replace, Instant now) {
        TableName name = view.name();
        if (!replace && get(h, name).isPresent()) {
            throw CatalogException.viewExists(name);
        }
        h.createUpdate("INSERT INTO views (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" + (replace
                        ? " ON CONFLICT (catalog_name, schema_name, name) DO UPDATE SET definition = excluded.definition,"
                                + " columns_json = excluded.columns_json, comment = excluded.comment, owner = excluded.owner,"
                                + " updated_at = excluded.updated_at"
                        : ""))
                .bind(0, name.catalog()).bind(1, name.schema()).bind(2, name.table())
                .bind(3, view.definition()).bind(4, CatalogRows.columnsJson(view.columns())).bind(5, view.comment().orElse(null))
                .bind(6, owner).bind(7, now.toEpochMilli()).bind(8, now.toEpochMilli()).execute();
        return get(h, name).orElseThrow();
    }

    static Optional<ViewInfo> get(Handle h, TableName name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM views" + BY_NAME)
                .bind(0, name.catalog()).bind(1, name.schema()).bind(2, name.table())
                .map((rs, ctx) -> CatalogRows.view(rs)).findOne();
    }

    static List<ViewInfo> list(Handle h, SchemaName schema) {
        return h.createQuery("SELECT " + COLUMNS + " FROM views WHERE catalog_name = ? AND schema_name = ? ORDER BY name")
                .bind(0, schema.catalog()).bind(1, schema.schema())
                .map((rs, ctx) -> CatalogRows.view(rs)).list();
    }

    static boolean drop(Handle h, TableName name) {
        boolean dropped = h.createUpdate("DELETE FROM views" + BY_NAME)
                .bind(0, name.catalog()).bind(1, name.schema()).bind(2, name.table()).execute() > 0;
        if (dropped) {
            SqlGrants.deleteOn(h, name);
        }
        return dropped;
    }
}
