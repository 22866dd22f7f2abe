package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.CatalogInfo;
import dev.lakegate.lake.catalog.CatalogName;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.SchemaInfo;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.Relation;
import dev.lakegate.lake.catalog.TableName;
import java.util.List;

/**
 * The catalog as one caller sees it, for SHOW/DESCRIBE and the Unity Catalog API. Lists hold only
 * what the caller may see (see {@link Access#canSee}); asking for one object that exists but is
 * not visible answers 403 naming the missing privilege, one that does not exist 404.
 */
record Browse(Catalog catalog, Access access) {

    List<CatalogInfo> catalogs() {
        return catalog.listCatalogs().stream().filter(access::canSee).toList();
    }

    CatalogInfo catalog(CatalogName name) {
        CatalogInfo c = catalog.getCatalog(name).orElseThrow(() -> LakeErrors.notFound(name));
        access.require(Privilege.USE_CATALOG, name);
        return c;
    }

    List<SchemaInfo> schemas(CatalogName in) {
        catalog(in);
        return catalog.listSchemas(in).stream().filter(access::canSee).toList();
    }

    SchemaInfo schema(SchemaName name) {
        SchemaInfo s = catalog.getSchema(name).orElseThrow(() -> LakeErrors.notFound(name));
        access.requireWithUse(Privilege.USE_SCHEMA, name);
        return s;
    }

    /** Tables and views. */
    List<Relation> tables(SchemaName in) {
        schema(in);
        return catalog.listRelations(in).stream().filter(access::canSee).toList();
    }

    /** Every visible schema of every visible catalog. */
    List<SchemaInfo> allSchemas() {
        return catalogs().stream().flatMap(c -> catalog.listSchemas(c.name()).stream()).filter(access::canSee).toList();
    }

    List<Relation> allTables() {
        return allSchemas().stream().flatMap(s -> catalog.listRelations(s.name()).stream()).filter(access::canSee).toList();
    }

    /** A table or view. */
    Relation table(TableName name) {
        Relation t = catalog.getRelation(name).orElseThrow(() -> LakeErrors.notFound(name));
        if (!access.canSee(t)) {
            access.requireWithUse(Privilege.SELECT, name); // throws, naming the first privilege missing
        }
        return t;
    }
}
