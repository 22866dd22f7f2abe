package dev.lakegate.lake.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The three-level catalog store (SPEC §6). Names are validated and lower-cased by their records;
 * implementations throw {@link CatalogException} for a missing parent, a duplicate, or a
 * non-empty object dropped without cascade. Listings are sorted by name. Authorization is the
 * caller's job: the store records grants but does not check them.
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

  /** Returns false when absent. Without cascade, refuses a schema that still has tables. */
  boolean dropSchema(SchemaName name, boolean cascade);

  /** Registers the table; managed tables get a fresh location (never reused after a drop). */
  TableInfo createTable(NewTable table, String owner);

  Optional<TableInfo> getTable(TableName name);

  List<TableInfo> listTables(SchemaName schema);

  /** Returns the dropped table (so the caller can delete managed data), empty when absent. */
  Optional<TableInfo> dropTable(TableName name);

  /** Replaces properties, e.g. after ALTER or a schema check; bumps {@code updatedAt}. */
  TableInfo updateTable(TableInfo table);

  /** Idempotent; the object must exist. */
  void grant(Grant grant);

  /** Idempotent; returns whether the grant existed. */
  boolean revoke(Grant grant);

  /** Grants made directly on {@code securable} (not inherited ones). */
  List<Grant> grantsOn(Securable securable);

  /** Every grant held directly by {@code principal}. */
  List<Grant> grantsTo(String principal);
}
