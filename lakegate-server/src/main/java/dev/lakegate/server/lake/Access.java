package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.CatalogInfo;
import dev.lakegate.lake.catalog.CatalogName;
import dev.lakegate.lake.catalog.Grant;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.Relation;
import dev.lakegate.lake.catalog.SchemaInfo;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.Securable;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.server.governance.Caller;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one caller may do in the catalog, for the length of one statement or API call (grants are
 * read once). Unity Catalog's model: admins hold everything; a privilege granted on a catalog or
 * schema covers everything inside it; {@code ALL_PRIVILEGES} implies every privilege; an object's
 * owner holds every privilege on it and on what it contains. Reading a table takes {@code
 * USE_CATALOG} on its catalog, {@code USE_SCHEMA} on its schema and {@code SELECT} on it; views are
 * tables to privileges. Every principal holds what {@link SharedTables} shares. Catalog {@code
 * system} is read-only to non-admins whatever they were granted.
 */
final class Access {
    static final CatalogName SYSTEM = new CatalogName("system");

    private final Catalog catalog;
    private final SharedTables shared;
    private final String name;
    private final boolean admin;
    private final List<Grant> grants;
    private final Map<Securable, Optional<String>> owners = new HashMap<>();

    private Access(Catalog catalog, SharedTables shared, String name, boolean admin, List<Grant> grants) {
        this.catalog = catalog;
        this.shared = shared;
        this.name = name;
        this.admin = admin;
        this.grants = grants;
    }

    /** A caller's privileges: the union of the grants to it and to each of its groups ({@code users} included). */
    static Access of(Catalog catalog, SharedTables shared, Caller caller) {
        boolean admin = caller.principal().admin();
        String name = caller.principal().name();
        List<Grant> grants = new ArrayList<>();
        if (!admin) {
            grants.addAll(catalog.grantsTo(name));
            caller.groups().forEach(group -> grants.addAll(catalog.grantsTo(group)));
        }
        return new Access(catalog, shared, name, admin, grants);
    }

    /** The gateway's own rights ({@link Lake#SYSTEM_OWNER}): everything, as an admin. */
    static Access system(Catalog catalog, SharedTables shared) {
        return new Access(catalog, shared, Lake.SYSTEM_OWNER, true, List.of());
    }

    String name() {
        return name;
    }

    boolean admin() {
        return admin;
    }

    /** Whether the caller holds {@code privilege} on {@code on}, directly, by inheritance, or as an owner. */
    boolean holds(Privilege privilege, Securable on) {
        if (admin || shared.everyoneHolds(privilege, on)) {
            return true;
        }
        for (Optional<Securable> s = Optional.of(on); s.isPresent(); s = s.get().parent()) {
            Securable level = s.get();
            if (owns(level) || grants.stream().anyMatch(g -> g.securable().equals(level)
                    && (g.privilege() == privilege || g.privilege() == Privilege.ALL_PRIVILEGES))) {
                return true;
            }
        }
        return false;
    }

    void require(Privilege privilege, Securable on) {
        if (!holds(privilege, on)) {
            throw LakeErrors.denied(name, privilege, on);
        }
    }

    /** USE_CATALOG and USE_SCHEMA on the containers of {@code on} (and on it), then {@code privilege} on it. */
    void requireWithUse(Privilege privilege, Securable on) {
        require(Privilege.USE_CATALOG, catalogOf(on));
        switch (on) {
            case CatalogName c -> { }
            case SchemaName s -> require(Privilege.USE_SCHEMA, s);
            case TableName t -> require(Privilege.USE_SCHEMA, t.schemaName());
        }
        require(privilege, on);
    }

    /** DROP, GRANT and REVOKE: admins and the owners of the object or of what contains it. */
    void requireManage(Securable on, String action) {
        if (admin) {
            return;
        }
        for (Optional<Securable> s = Optional.of(on); s.isPresent(); s = s.get().parent()) {
            if (owns(s.get())) {
                return;
            }
        }
        throw LakeErrors.denied(name + " may not " + action + " " + CatalogErrors.kind(on) + " " + on.fullName()
                + ": only admins and its owner may");
    }

    /** Writes into catalog {@code system} are the gateway's (and admins') alone. */
    void requireWritable(Securable on) {
        if (!admin && catalogOf(on).equals(SYSTEM)) {
            throw LakeErrors.denied("catalog system is read-only: only admins may change " + CatalogErrors.kind(on) + " " + on.fullName());
        }
    }

    boolean canSee(CatalogInfo c) {
        return holds(Privilege.USE_CATALOG, c.name());
    }

    boolean canSee(SchemaInfo s) {
        return holds(Privilege.USE_CATALOG, s.name().catalogName()) && holds(Privilege.USE_SCHEMA, s.name());
    }

    /** Any privilege on the table or view (a writer needs its columns too), plus the USE privileges. */
    boolean canSee(Relation t) {
        TableName n = t.name();
        return holds(Privilege.USE_CATALOG, new CatalogName(n.catalog())) && holds(Privilege.USE_SCHEMA, n.schemaName())
                && (holds(Privilege.SELECT, n) || holds(Privilege.MODIFY, n));
    }

    static CatalogName catalogOf(Securable s) {
        return switch (s) {
            case CatalogName c -> c;
            case SchemaName sc -> sc.catalogName();
            case TableName t -> t.schemaName().catalogName();
        };
    }

    private boolean owns(Securable s) {
        Optional<String> owner = owners.computeIfAbsent(s, key -> switch (key) {
            case CatalogName c -> catalog.getCatalog(c).map(CatalogInfo::owner);
            case SchemaName sc -> catalog.getSchema(sc).map(SchemaInfo::owner);
            case TableName t -> catalog.getRelation(t).map(Relation::owner);
        });
        return owner.filter(name::equalsIgnoreCase).isPresent();
    }
}
