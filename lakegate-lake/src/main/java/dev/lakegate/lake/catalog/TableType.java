package dev.lakegate.lake.catalog;

/**
 * Managed tables live under the data directory and die with DROP; external ones have LOCATION; a
 * view is a stored query (Unity Catalog's {@code table_type}).
 */
public enum TableType {
  MANAGED,
  EXTERNAL,
  VIEW
}
