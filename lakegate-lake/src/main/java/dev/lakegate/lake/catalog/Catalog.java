package dev.lakegate.lake.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The three-level catalog store (SPEC §6). Names are validated and lower-cased by their records;
 * implementations throw {@link CatalogException} for a missing parent, a duplicate, or a
 * non-empty object dropped without cascade. Listings are sorted by name. Authorization is the
 * caller's job: the store records grants but does not check them. Tables and views share the
 * names of a schema: creating either refuses a name the other holds, and a schema holding views is
 * not empty.
 */
public interface Catalog {
  CatalogInfo createCatalog(CatalogName name, Optional<String> comment, String owner);

  Optional<CatalogInfo> getCatalog(CatalogName name);

  List<CatalogInfo> listCatalogs();

  /** Returns false when absent. Without cascade, refuses a catalog that still has schemas. */
  boolean dropCatalog(CatalogName name, boolean cascade);

  SchemaInfo createSchema(SchemaName name, Optional<String> comment, String owner);

  Optional<SchemaInfo> getSchema(SchemaName name);

  List<SchemaInfo> listSchemas(CatalogName catalog);

  /** Returns false when absent. Without cascade, refuses a schema that still has tables or views. */
  boolean dropSchema(SchemaName name, boolean cascade);

  /** Registers the table; managed tables get a fresh location (never reused after a drop). A view's name is refused. */
  TableInfo createTable(NewTable table, String owner);

  Optional<TableInfo> getTable(TableName name);

  List<TableInfo> listTables(SchemaName schema);

  /** Returns the dropped table (so the caller can delete managed data), empty when absent. */
  Optional<TableInfo> dropTable(TableName name);

  /** Replaces properties, e.g. after ALTER or a schema check; bumps {@code updatedAt}. */
  TableInfo updateTable(TableInfo table);

  /**
   * Stores the view. With {@code replace}, a view of that name gets the new definition, columns,
   * comment and owner, and keeps its grants and creation time; a table of that name is refused
   * either way ({@link CatalogException#tableNotView}).
   */
  ViewInfo createView(NewView view, String owner, boolean replace);

  Optional<ViewInfo> getView(TableName name);

  List<ViewInfo> listViews(SchemaName schema);

  /** Returns false when absent. */
  boolean dropView(TableName name);

  /** The table or view of that name. */
  default Optional<Relation> getRelation(TableName name) {
    return getTable(name).<Relation>map(t -> t).or(() -> getView(name));
  }

  /** Tables and views together, sorted by name (as SHOW TABLES lists them). */
  default List<Relation> listRelations(SchemaName schema) {
    return Stream.<Relation>concat(listTables(schema).stream(), listViews(schema).stream())
        .sorted(Comparator.comparing(r -> r.name().table())).toList();
  }

  /** Idempotent; the object must exist (a view is a table to grants). */
  void grant(Grant grant);

  /** Idempotent; returns whether the grant existed. */
  boolean revoke(Grant grant);

  /** Grants made directly on {@code securable} (not inherited ones). */
  List<Grant> grantsOn(Securable securable);

  /** Every grant held directly by {@code principal}. */
  List<Grant> grantsTo(String principal);
}
