package dev.lakegate.lake.catalog;

/**
 * A refused catalog operation. The lake module is protocol-free, so the server maps {@link Kind}
 * to its error categories (NOT_FOUND → 404, ALREADY_EXISTS and NOT_EMPTY → 409, INVALID → 400).
 */
public final class CatalogException extends RuntimeException {
  public enum Kind { NOT_FOUND, ALREADY_EXISTS, NOT_EMPTY, INVALID }

  @java.io.Serial private static final long serialVersionUID = 1L;

  private final Kind kind;

  public CatalogException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static CatalogException notFound(Securable name) {
    return new CatalogException(Kind.NOT_FOUND,
        name.type().name().toLowerCase(java.util.Locale.ROOT) + " " + name.fullName() + " does not exist");
  }

  static CatalogException exists(Securable name) {
    return new CatalogException(Kind.ALREADY_EXISTS, name.type().name().toLowerCase(java.util.Locale.ROOT) + " "
        + name.fullName() + " already exists; use IF NOT EXISTS to ignore this");
  }

  /** A view holds the name (a table or view is wanted there); public so every store words it alike. */
  public static CatalogException viewExists(TableName name) {
    return new CatalogException(Kind.ALREADY_EXISTS, "view " + name
        + " already exists; use IF NOT EXISTS to ignore this, or CREATE OR REPLACE VIEW to replace it");
  }

  /** CREATE OR REPLACE VIEW over a table: replacing it would drop its data. */
  public static CatalogException tableNotView(TableName name) {
    return new CatalogException(Kind.ALREADY_EXISTS, "table " + name
        + " already exists; CREATE OR REPLACE VIEW replaces views only");
  }

  static CatalogException notEmpty(Securable name, String what) {
    return new CatalogException(Kind.NOT_EMPTY, name.type().name().toLowerCase(java.util.Locale.ROOT) + " "
        + name.fullName() + " still contains " + what + "; drop them first or add CASCADE");
  }
}
