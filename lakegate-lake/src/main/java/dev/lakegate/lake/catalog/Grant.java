package dev.lakegate.lake.catalog;

import java.util.Objects;

/** One privilege held by one principal on one object. */
public record Grant(Securable securable, String principal, Privilege privilege) {
  public Grant {
    Objects.requireNonNull(securable, "securable");
    Objects.requireNonNull(privilege, "privilege");
    Names.principalProblem(principal).ifPresent(p -> { throw new IllegalArgumentException(p); });
    if (!privilege.appliesTo(securable.type())) {
      throw new IllegalArgumentException(notApplicable(privilege, securable.type()));
    }
  }

  static String notApplicable(Privilege privilege, SecurableType type) {
    return "privilege " + privilege + " cannot be granted on a " + type
        + " (USE_CATALOG applies to catalogs; USE_SCHEMA and CREATE_TABLE to catalogs and schemas)";
  }
}
