package dev.lakegate.lake.catalog;

import java.util.EnumSet;
import java.util.Set;

/**
 * Privileges on catalog objects (SPEC §4), with the Unity Catalog rule of where each may be
 * granted. A privilege granted on a catalog or schema is inherited by everything inside it.
 */
public enum Privilege {
  USE_CATALOG(EnumSet.of(SecurableType.CATALOG)),
  USE_SCHEMA(EnumSet.of(SecurableType.CATALOG, SecurableType.SCHEMA)),
  SELECT(EnumSet.allOf(SecurableType.class)),
  MODIFY(EnumSet.allOf(SecurableType.class)),
  CREATE_TABLE(EnumSet.of(SecurableType.CATALOG, SecurableType.SCHEMA)),
  ALL_PRIVILEGES(EnumSet.allOf(SecurableType.class));

  private final Set<SecurableType> grantableOn;

  Privilege(Set<SecurableType> grantableOn) {
    this.grantableOn = grantableOn;
  }

  public boolean appliesTo(SecurableType type) {
    return grantableOn.contains(type);
  }

  /** The SQL spelling, {@code USE CATALOG} for {@code USE_CATALOG}. */
  public String sql() {
    return name().replace('_', ' ');
  }
}
