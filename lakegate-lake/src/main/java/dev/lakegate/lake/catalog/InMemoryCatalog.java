package dev.lakegate.lake.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A {@link Catalog} in memory, for tests and as the executable statement of the store's contract.
 * One lock: catalog operations are rare and tiny next to the IO around them.
 */
public final class InMemoryCatalog implements Catalog {
  private final String managedRoot;
  private final Clock clock;
  private final TreeMap<String, CatalogInfo> catalogs = new TreeMap<>();
  private final TreeMap<String, SchemaInfo> schemas = new TreeMap<>();
  private final TreeMap<String, TableInfo> tables = new TreeMap<>();
  private final TreeMap<String, ViewInfo> views = new TreeMap<>();
  private final Set<Grant> grants = new LinkedHashSet<>();

  /** Managed tables go to {@code <managedRoot>/<catalog>/<schema>/<table>-<uuid>}. */
  public InMemoryCatalog(String managedRoot, Clock clock) {
    this.managedRoot = managedRoot.endsWith("/") ? managedRoot.substring(0, managedRoot.length() - 1) : managedRoot;
    this.clock = clock;
  }

  @Override public synchronized CatalogInfo createCatalog(CatalogName name, Optional<String> comment, String owner) {
    if (catalogs.containsKey(name.fullName())) throw CatalogException.exists(name);
    Instant now = clock.instant();
    CatalogInfo info = new CatalogInfo(name, comment, owner, now, now);
    catalogs.put(name.fullName(), info);
    return info;
  }

  @Override public synchronized Optional<CatalogInfo> getCatalog(CatalogName name) {
    return Optional.ofNullable(catalogs.get(name.fullName()));
  }

  @Override public synchronized List<CatalogInfo> listCatalogs() {
    return List.copyOf(catalogs.values());
  }

  @Override public synchronized boolean dropCatalog(CatalogName name, boolean cascade) {
    if (!catalogs.containsKey(name.fullName())) return false;
    List<SchemaInfo> inside = listSchemas(name);
    if (!inside.isEmpty() && !cascade) throw CatalogException.notEmpty(name, inside.size() + " schema(s)");
    for (SchemaInfo s : inside) dropSchema(s.name(), true);
    catalogs.remove(name.fullName());
    grants.removeIf(g -> g.securable().equals(name));
    return true;
  }

  @Override public synchronized SchemaInfo createSchema(SchemaName name, Optional<String> comment, String owner) {
    requireCatalog(name.catalogName());
    if (schemas.containsKey(name.fullName())) throw CatalogException.exists(name);
    Instant now = clock.instant();
    SchemaInfo info = new SchemaInfo(name, comment, owner, now, now);
    schemas.put(name.fullName(), info);
    return info;
  }

  @Override public synchronized Optional<SchemaInfo> getSchema(SchemaName name) {
    return Optional.ofNullable(schemas.get(name.fullName()));
  }

  @Override public synchronized List<SchemaInfo> listSchemas(CatalogName catalog) {
    return schemas.values().stream().filter(s -> s.name().catalogName().equals(catalog)).toList();
  }

  @Override public synchronized boolean dropSchema(SchemaName name, boolean cascade) {
    if (!schemas.containsKey(name.fullName())) return false;
    List<Relation> inside = listRelations(name);
    if (!inside.isEmpty() && !cascade) throw CatalogException.notEmpty(name, inside.size() + " table(s)");
    for (Relation r : inside) {
      switch (r) {
        case TableInfo t -> dropTable(t.name());
        case ViewInfo v -> dropView(v.name());
      }
    }
    schemas.remove(name.fullName());
    grants.removeIf(g -> g.securable().equals(name));
    return true;
  }

  @Override public synchronized TableInfo createTable(NewTable table, String owner) {
    TableName name = table.name();
    requireSchema(name.schemaName());
    if (tables.containsKey(name.fullName())) throw CatalogException.exists(name);
    if (views.containsKey(name.fullName())) throw CatalogException.viewExists(name);
    String location = table.location().orElseGet(() -> managedRoot + "/" + name.catalog() + "/"
        + name.schema() + "/" + name.table() + "-" + UUID.randomUUID());
    table.location().ifPresent(this::refuseOverlap);
    Instant now = clock.instant();
    TableInfo info = new TableInfo(name, table.columns(), location, table.properties(),
        table.comment(), owner, now, now, table.tableType(), DataSourceFormat.DELTA);
    tables.put(name.fullName(), info);
    return info;
  }

  /** External data must not sit inside managed storage or another table (it would be shared). */
  private void refuseOverlap(String location) {
    if (Locations.overlaps(location, managedRoot)) {
      throw new CatalogException(CatalogException.Kind.INVALID, "LOCATION '" + location
          + "' overlaps the managed storage " + managedRoot + "; omit LOCATION for a managed table");
    }
    for (TableInfo t : tables.values()) {
      if (Locations.overlaps(location, t.location())) {
        throw new CatalogException(CatalogException.Kind.INVALID, "LOCATION '" + location
            + "' overlaps the location of table " + t.name());
      }
    }
  }

  @Override public synchronized Optional<TableInfo> getTable(TableName name) {
    return Optional.ofNullable(tables.get(name.fullName()));
  }

  @Override public synchronized List<TableInfo> listTables(SchemaName schema) {
    return tables.values().stream().filter(t -> t.name().schemaName().equals(schema)).toList();
  }

  @Override public synchronized Optional<TableInfo> dropTable(TableName name) {
    TableInfo removed = tables.remove(name.fullName());
    if (removed != null) grants.removeIf(g -> g.securable().equals(name));
    return Optional.ofNullable(removed);
  }

  @Override public synchronized TableInfo updateTable(TableInfo table) {
    TableInfo old = tables.get(table.name().fullName());
    if (old == null) throw CatalogException.notFound(table.name());
    TableInfo updated = new TableInfo(old.name(), table.columns(), old.location(), table.properties(),
        table.comment(), table.owner(), old.createdAt(), clock.instant(), old.tableType(), old.dataSourceFormat());
    tables.put(old.name().fullName(), updated);
    return updated;
  }

  @Override public synchronized ViewInfo createView(NewView view, String owner, boolean replace) {
    TableName name = view.name();
    requireSchema(name.schemaName());
    if (tables.containsKey(name.fullName())) {
      throw replace ? CatalogException.tableNotView(name) : CatalogException.exists(name);
    }
    ViewInfo old = views.get(name.fullName());
    if (old != null && !replace) throw CatalogException.viewExists(name);
    Instant now = clock.instant();
    ViewInfo info = new ViewInfo(name, view.definition(), view.columns(), view.comment(), owner,
        old == null ? now : old.createdAt(), now);
    views.put(name.fullName(), info);
    return info;
  }

  @Override public synchronized Optional<ViewInfo> getView(TableName name) {
    return Optional.ofNullable(views.get(name.fullName()));
  }

  @Override public synchronized List<ViewInfo> listViews(SchemaName schema) {
    return views.values().stream().filter(v -> v.name().schemaName().equals(schema)).toList();
  }

  @Override public synchronized boolean dropView(TableName name) {
    if (views.remove(name.fullName()) == null) return false;
    grants.removeIf(g -> g.securable().equals(name));
    return true;
  }

  @Override public synchronized void grant(Grant grant) {
    if (!exists(grant.securable())) throw CatalogException.notFound(grant.securable());
    grants.add(grant);
  }

  @Override public synchronized boolean revoke(Grant grant) {
    return grants.remove(grant);
  }

  @Override public synchronized List<Grant> grantsOn(Securable securable) {
    return select(g -> g.securable().equals(securable));
  }

  @Override public synchronized List<Grant> grantsTo(String principal) {
    return select(g -> g.principal().equals(principal));
  }

  private List<Grant> select(Predicate<Grant> p) {
    return grants.stream().filter(p).toList();
  }

  private boolean exists(Securable s) {
    return switch (s) {
      case CatalogName c -> catalogs.containsKey(c.fullName());
      case SchemaName sc -> schemas.containsKey(sc.fullName());
      case TableName t -> tables.containsKey(t.fullName()) || views.containsKey(t.fullName());
    };
  }

  private void requireSchema(SchemaName name) {
    if (!schemas.containsKey(name.fullName())) {
      throw new CatalogException(CatalogException.Kind.NOT_FOUND, "schema " + name
          + " does not exist; create it with CREATE SCHEMA " + name);
    }
  }

  private void requireCatalog(CatalogName name) {
    if (!catalogs.containsKey(name.fullName())) {
      throw new CatalogException(CatalogException.Kind.NOT_FOUND, "catalog " + name
          + " does not exist; create it with CREATE CATALOG " + name);
    }
  }
}
