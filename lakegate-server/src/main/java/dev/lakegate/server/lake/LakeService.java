package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.query.SqlEngine;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import dev.lakegate.server.governance.Caller;
import io.delta.kernel.types.StructType;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;

/**
 * Runs the SQL statements of SPEC §6 for an authenticated caller: DDL, SHOW/DESCRIBE, GRANT/REVOKE,
 * INSERT and SELECT, checking privileges as {@link Access} describes. Failures are {@code
 * GatewayException}s: bad SQL 400 (with line and column), unknown object 404, missing privilege 403,
 * existing object 409, a query DuckDB refuses 400 with DuckDB's message. Thread-safe.
 */
public final class LakeService {
    private final Catalog catalog;
    private final SharedTables shared = new SharedTables();
    private final Ddl ddl;
    private final ViewStatements views;
    private final GrantStatements grants;
    private final Queries queries;
    private final Inserts inserts;
    private final SqlEngine engine;

    /**
     * @param engine runs SELECT statements (its row limit caps answers)
     * @param insertEngine runs the SELECT of INSERT … SELECT (its row limit caps one statement)
     * @param grantees a principal's or group's stored name for any spelling of it; empty when unknown
     * @param owners a principal with its groups, by any spelling of its name, to read the views it owns; empty when unknown
     * @param writers the durable writers, retired before their table is dropped
     */
    public LakeService(Catalog catalog, DeltaTables delta, SqlEngine engine, SqlEngine insertEngine,
            Function<String, Optional<String>> grantees, Function<String, Optional<Caller>> owners, Configuration hadoop, Clock clock,
            TableWriters writers, List<String> externalLocations) {
        this.catalog = catalog;
        this.engine = engine;
        this.ddl = new Ddl(catalog, delta, new ManagedFiles(hadoop), writers, externalLocations);
        this.grants = new GrantStatements(catalog, grantees);
        this.queries = new Queries(catalog, delta, shared, owners);
        this.views = new ViewStatements(catalog, queries, engine);
        this.inserts = new Inserts(catalog, delta, queries, insertEngine, new Appender(clock));
    }

    public StatementResult execute(String sql, Caller caller) {
        try {
            Statement statement = SqlParser.parse(sql);
            Access access = Access.of(catalog, shared, caller);
            Browse browse = new Browse(catalog, access);
            return switch (statement) {
                case Statement.CreateCatalog c -> ddl.createCatalog(c, access);
                case Statement.CreateSchema s -> ddl.createSchema(s, access);
                case Statement.CreateTable t -> ddl.createTable(t, access);
                case Statement.CreateView v -> views.create(v, access);
                case Statement.Drop d -> ddl.drop(d, access);
                case Statement.DropView d -> views.drop(d, access);
                case Statement.ShowCatalogs s -> Listings.catalogs(browse);
                case Statement.ShowSchemas s -> Listings.schemas(s, browse);
                case Statement.ShowTables s -> Listings.tables(s, browse);
                case Statement.Describe d -> Listings.describe(d, browse);
                case Statement.ShowTblProperties p -> Listings.properties(p, browse);
                case Statement.GrantPrivileges g -> grants.grant(g, access);
                case Statement.RevokePrivileges r -> grants.revoke(r, access);
                case Statement.InsertValues i -> inserts.values(i, access);
                case Statement.InsertSelect i -> inserts.select(i, access);
                case Statement.Select s -> StatementResult.of(queries.run(engine, s.query(), access));
            };
        } catch (RuntimeException e) {
            throw LakeErrors.translate(e);
        }
    }

    /**
     * The table {@code fullName} for a writer such as the OTLP receiver: the caller needs USE_CATALOG
     * and USE_SCHEMA to learn whether it exists (404 otherwise), then MODIFY on it; catalog {@code
     * system} takes rows from admins only.
     */
    public TableInfo writableTable(String fullName, Caller caller) {
        try {
            TableName name;
            try {
                name = TableName.parse(fullName);
            } catch (IllegalArgumentException e) {
                throw LakeErrors.invalid("Invalid table name: " + e.getMessage());
            }
            Access access = Access.of(catalog, shared, caller);
            access.require(Privilege.USE_CATALOG, name.schemaName().catalogName());
            access.require(Privilege.USE_SCHEMA, name.schemaName());
            TableInfo table = Inserts.writable(catalog, name);
            access.requireWritable(name);
            access.require(Privilege.MODIFY, name);
            return table;
        } catch (RuntimeException e) {
            throw LakeErrors.translate(e);
        }
    }

    /** The catalog as {@code caller} may see it (Unity Catalog API). */
    Browse browse(Caller caller) {
        return new Browse(catalog, Access.of(catalog, shared, caller));
    }

    /** See {@link Lake#shareRows}. */
    void shareRows(TableName table, String owner) {
        shared.shareRows(table, owner);
    }

    /** See {@link Lake#systemView}. */
    void systemView(String createView, StructType columns) {
        if (!(SqlParser.parse(createView) instanceof Statement.CreateView v) || !v.orReplace()
                || !v.name().schemaName().catalogName().equals(Access.SYSTEM)) {
            throw new IllegalArgumentException("not a CREATE OR REPLACE VIEW in catalog system: " + createView);
        }
        views.create(v, Access.system(catalog, shared), columns);
        shared.shareView(v.name());
    }
}
