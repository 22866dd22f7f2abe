package dev.lakegate.lake.catalog;

/** The kinds of catalog objects privileges attach to, outermost first. */
public enum SecurableType {
  CATALOG,
  SCHEMA,
  TABLE
}
