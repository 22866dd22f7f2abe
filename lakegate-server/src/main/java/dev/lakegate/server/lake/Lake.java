package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.CatalogException;
import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.query.SqlEngine;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.wal.WalOptions;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.store.StoreDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;

/**
 * The lake of one gateway (SPEC §6): the catalog in the control-plane database, Delta tables with
 * managed storage under {@code <dataDir>/lake} (or {@code lake.managed_location}, shared by several gateways), the SQL service and its HTTP APIs. Opening it
 * makes sure catalog {@code system} exists (owned by "System user", which no principal can be:
 * principal names hold no spaces).
 */
public final class Lake {
    /** Rows one INSERT … SELECT may write: the rows are held in memory before the commit. */
    static final int INSERT_SELECT_ROWS = 100_000;
    public static final String SYSTEM_OWNER = "System user";

    private final Catalog catalog;
    private final DeltaTables tables;
    private final LakeService service;
    private final TableWriters writers;

    private Lake(Catalog catalog, DeltaTables tables, LakeService service, TableWriters writers) {
        this.catalog = catalog;
        this.tables = tables;
        this.service = service;
        this.writers = writers;
    }

    /**
     * The catalog lives in the control-plane {@code database}, managed tables under {@code managedRoot}, the
     * write-ahead logs under {@code dataDir}. Write-ahead logs a previous run left with rows are reopened and committed.
     *
     * @param managedRoot where managed tables are created ({@code lake.managed_location})
     * @param externalLocations where external tables may be created ({@code lake.external_locations}); null: by admins, anywhere
     * @param grantees the stored name of a user, service principal or group for any spelling of it; empty when unknown
     * @param owners a principal with its groups, as the owner of the views it created; empty when unknown
     */
    public static Lake open(StoreDatabase database, Path dataDir, String managedRoot, List<String> externalLocations,
            Function<String, Optional<String>> grantees,
            Function<String, Optional<Caller>> owners, Clock clock, WalOptions walOptions) {
        Catalog catalog = new SqlCatalog(database, managedRoot, clock);
        Configuration hadoop = new Configuration();
        DeltaTables tables = new DeltaTables(hadoop);
        TableWriters writers = new TableWriters(tables, dataDir, walOptions);
        SqlEngine.Options d = SqlEngine.Options.defaults();
        SqlEngine insertEngine = new SqlEngine(new SqlEngine.Options(INSERT_SELECT_ROWS, d.timeout(), d.memoryLimit(), d.threads(), d.maxConcurrent()));
        LakeService service = new LakeService(catalog, tables, new SqlEngine(d), insertEngine,
                grantees, owners, hadoop, clock, writers, externalLocations);
        if (catalog.getCatalog(Access.SYSTEM).isEmpty()) {
            ignoringExisting(() -> catalog.createCatalog(Access.SYSTEM, Optional.of("The gateway's own tables"), SYSTEM_OWNER));
        }
        writers.recover();
        return new Lake(catalog, tables, service, writers);
    }

    public Catalog catalog() {
        return catalog;
    }

    public DeltaTables tables() {
        return tables;
    }

    public LakeService service() {
        return service;
    }

    /**
     * Makes sure one of the gateway's own tables exists in catalog {@code system}, with its schema, owned by
     * {@link #SYSTEM_OWNER} and with exactly the given columns. Another gateway process creating them at the
     * same time is fine.
     *
     * @throws IllegalStateException the table exists with other columns; the message says how to have it recreated
     */
    public TableInfo systemTable(NewTable table) {
        SchemaName schema = table.name().schemaName();
        if (catalog.getSchema(schema).isEmpty()) {
            ignoringExisting(() -> catalog.createSchema(schema, Optional.of("The AI gateway's own tables"), SYSTEM_OWNER));
        }
        return ownTable(table);
    }

    /**
     * Makes sure a table the gateway writes in a schema that users manage (an endpoint's inference table) exists,
     * owned by {@link #SYSTEM_OWNER} and with exactly the given columns. Its catalog and schema are not created:
     * where the gateway's rows land is the operator's choice.
     *
     * @throws IllegalStateException the catalog or schema is missing, or the table exists with other columns; the
     *     message names the statement to run
     */
    public TableInfo gatewayTable(NewTable table) {
        SchemaName schema = table.name().schemaName();
        if (catalog.getCatalog(schema.catalogName()).isEmpty()) {
            throw new IllegalStateException("catalog " + schema.catalog() + " does not exist; as an admin, run CREATE CATALOG "
                    + schema.catalog() + " and CREATE SCHEMA " + schema + " first");
        }
        if (catalog.getSchema(schema).isEmpty()) {
            throw new IllegalStateException("schema " + schema + " does not exist; as an admin, run CREATE SCHEMA " + schema + " first");
        }
        return ownTable(table);
    }

    /** Creates the table (and its Delta log) if need be, in a schema that exists. */
    private TableInfo ownTable(NewTable table) {
        if (catalog.getTable(table.name()).isEmpty()) {
            ignoringExisting(() -> catalog.createTable(table, SYSTEM_OWNER));
        }
        TableInfo info = catalog.getTable(table.name()).orElseThrow();
        if (!info.columns().equals(table.columns())) {
            throw new IllegalStateException(table.name() + " has other columns than this gateway writes: " + info.columns()
                    + "; as an admin, DROP TABLE " + table.name() + " (after copying its rows elsewhere) to have it recreated");
        }
        if (!tables.exists(info.location())) {
            try {
                tables.create(info.location(), info.columns(), info.properties());
            } catch (RuntimeException e) {
                if (!tables.exists(info.location())) {
                    throw e;
                }
            }
        }
        return info;
    }

    /**
     * Lets every principal read {@code table} (and use its schema and catalog), each only the rows whose
     * {@code owner} — a DuckDB expression over its columns, such as {@code requester} or
     * {@code resource.attributes['lakegate.principal']}, written here in code — yields their name (admins
     * read all): a row filter applied inside the table's scan, whatever the query or view around it. By
     * name: the table need not exist yet. Writes stay as granted (catalog {@code system}: the gateway's
     * and admins').
     */
    public void shareRows(TableName table, String owner) {
        service.shareRows(table, owner);
    }

    /**
     * Creates or replaces (so an upgrade refreshes it) one of the gateway's views, from a {@code CREATE OR
     * REPLACE VIEW system.…} statement; owned by {@link #SYSTEM_OWNER} and readable by every principal, so it
     * must read only tables shared by {@link #shareRows}. {@code columns} (DDL: {@code name TYPE, …}) are the query's,
     * declared so that starting the gateway runs no query; a test holds them to what DuckDB binds.
     */
    public void systemView(String createOrReplaceView, String columns) {
        try {
            service.systemView(createOrReplaceView, SqlParser.parseColumns(columns));
        } catch (RuntimeException e) {
            throw LakeErrors.translate(e);
        }
    }

    /** Runs a create that another gateway process on the same database may have done meanwhile. */
    private static void ignoringExisting(Runnable create) {
        try {
            create.run();
        } catch (CatalogException e) {
            if (e.kind() != CatalogException.Kind.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    /** The durable writers of the gateway's own writes (OTLP and usage rows). */
    public TableWriters writers() {
        return writers;
    }

    /** Commits what the writers hold (within their close timeout) and releases their logs. */
    public void close() {
        writers.close();
    }

    /** {@code POST /api/2.0/sql/statements} and the read side of the Unity Catalog API. */
    public List<ApiRoute> routes() {
        List<ApiRoute> routes = new ArrayList<>(new StatementsApi(service).routes());
        routes.addAll(new UnityCatalogApi(service).routes());
        return List.copyOf(routes);
    }
}
