package dev.lakegate.lake.catalog;

/** Managed tables live under the data directory and die with DROP; external ones have LOCATION. */
public enum TableType {
  MANAGED,
  EXTERNAL
}
