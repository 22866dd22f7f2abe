package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.CatalogException;
import dev.lakegate.lake.catalog.CatalogException.Kind;
import dev.lakegate.lake.catalog.Securable;
import java.util.Locale;

/** The store's refusals, worded exactly as {@code InMemoryCatalog} words them (one contract, two stores). */
final class CatalogErrors {
    private CatalogErrors() {}

    static CatalogException notFound(Securable name) {
        return new CatalogException(Kind.NOT_FOUND, kind(name) + " " + name.fullName() + " does not exist");
    }

    static CatalogException exists(Securable name) {
        return new CatalogException(Kind.ALREADY_EXISTS, kind(name) + " " + name.fullName()
                + " already exists; use IF NOT EXISTS to ignore this");
    }

    static CatalogException notEmpty(Securable name, String what) {
        return new CatalogException(Kind.NOT_EMPTY, kind(name) + " " + name.fullName() + " still contains " + what
                + "; drop them first or add CASCADE");
    }

    /** A missing parent, with the statement that creates it. */
    static CatalogException missingParent(Securable parent) {
        return new CatalogException(Kind.NOT_FOUND, kind(parent) + " " + parent.fullName() + " does not exist; create it with CREATE "
                + parent.type().name() + " " + parent.fullName());
    }

    static CatalogException invalid(String message) {
        return new CatalogException(Kind.INVALID, message);
    }

    static String kind(Securable name) {
        return name.type().name().toLowerCase(Locale.ROOT);
    }
}
