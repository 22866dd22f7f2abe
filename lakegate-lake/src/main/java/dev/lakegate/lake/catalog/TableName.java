package dev.lakegate.lake.catalog;

import java.util.Optional;

/** A table, {@code catalog.schema.table}; always three parts, there is no default namespace. */
public record TableName(String catalog, String schema, String table) implements Securable {
  public TableName {
    catalog = Names.normalize(catalog);
    schema = Names.normalize(schema);
    table = Names.normalize(table);
  }

  public static TableName parse(String full) {
    String[] p = Securable.split(full, 3, "catalog.schema.table");
    return new TableName(p[0], p[1], p[2]);
  }

  public SchemaName schemaName() { return new SchemaName(catalog, schema); }

  @Override public SecurableType type() { return SecurableType.TABLE; }
  @Override public String fullName() { return catalog + "." + schema + "." + table; }
  @Override public Optional<Securable> parent() { return Optional.of(schemaName()); }
  @Override public String toString() { return fullName(); }
}
