package dev.lakegate.lake.catalog;

import java.util.Optional;

/** A catalog, the first level of {@code catalog.schema.table}. */
public record CatalogName(String name) implements Securable {
  public CatalogName {
    name = Names.normalize(name);
  }

  public static CatalogName parse(String full) {
    return new CatalogName(Securable.split(full, 1, "catalog")[0]);
  }

  @Override public SecurableType type() { return SecurableType.CATALOG; }
  @Override public String fullName() { return name; }
  @Override public Optional<Securable> parent() { return Optional.empty(); }
  @Override public String toString() { return name; }
}
