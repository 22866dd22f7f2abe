package dev.lakegate.lake.catalog;

import java.util.Optional;

/** A schema, {@code catalog.schema}. */
public record SchemaName(String catalog, String schema) implements Securable {
  public SchemaName {
    catalog = Names.normalize(catalog);
    schema = Names.normalize(schema);
  }

  public static SchemaName parse(String full) {
    String[] p = Securable.split(full, 2, "catalog.schema");
    return new SchemaName(p[0], p[1]);
  }

  public CatalogName catalogName() { return new CatalogName(catalog); }

  @Override public SecurableType type() { return SecurableType.SCHEMA; }
  @Override public String fullName() { return catalog + "." + schema; }
  @Override public Optional<Securable> parent() { return Optional.of(catalogName()); }
  @Override public String toString() { return fullName(); }
}
