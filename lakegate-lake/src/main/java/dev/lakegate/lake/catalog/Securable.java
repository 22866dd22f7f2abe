package dev.lakegate.lake.catalog;

import java.util.Optional;

/** A name of a catalog object: {@link CatalogName}, {@link SchemaName} or {@link TableName}. */
public sealed interface Securable permits CatalogName, SchemaName, TableName {
  SecurableType type();

  /** Dotted, lower-case, unquoted: the form the Unity Catalog API uses. */
  String fullName();

  /** The enclosing object; empty for a catalog. */
  Optional<Securable> parent();

  /** Splits {@code full} on periods (parts can hold none) and validates every part. */
  static Securable parse(SecurableType type, String full) {
    return switch (type) {
      case CATALOG -> CatalogName.parse(full);
      case SCHEMA -> SchemaName.parse(full);
      case TABLE -> TableName.parse(full);
    };
  }

  static String[] split(String full, int parts, String shape) {
    String[] split = full.split("\\.", -1);
    if (split.length != parts) {
      throw new IllegalArgumentException(
          "expected a " + parts + "-part name " + shape + " but got '" + Names.printable(full) + "'");
    }
    return split;
  }
}
