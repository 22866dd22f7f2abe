package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Grant;
import dev.lakegate.lake.catalog.Securable;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The {@code grants} rows of {@link SqlCatalog}; listed in a stable order (object, principal, privilege). */
final class SqlGrants {
    private static final String ORDER = " ORDER BY securable_type, securable_name, principal, privilege";

    private SqlGrants() {}

    /** Idempotent: granting what is held already changes nothing. */
    static void insert(Handle h, Grant g, Instant now) {
        h.createUpdate("INSERT INTO grants (securable_type, securable_name, principal, privilege, created_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")
                .bind(0, g.securable().type().name()).bind(1, g.securable().fullName()).bind(2, g.principal())
                .bind(3, g.privilege().name()).bind(4, now.toEpochMilli()).execute();
    }

    static boolean delete(Handle h, Grant g) {
        return h.createUpdate("DELETE FROM grants WHERE securable_type = ? AND securable_name = ? AND principal = ? AND privilege = ?")
                .bind(0, g.securable().type().name()).bind(1, g.securable().fullName()).bind(2, g.principal())
                .bind(3, g.privilege().name()).execute() > 0;
    }

    /** Every grant on the object itself (those inside it go with their own objects). */
    static void deleteOn(Handle h, Securable s) {
        h.createUpdate("DELETE FROM grants WHERE securable_type = ? AND securable_name = ?")
                .bind(0, s.type().name()).bind(1, s.fullName()).execute();
    }

    static List<Grant> on(Handle h, Securable s) {
        return h.createQuery("SELECT * FROM grants WHERE securable_type = ? AND securable_name = ?" + ORDER)
                .bind(0, s.type().name()).bind(1, s.fullName())
                .map((rs, ctx) -> CatalogRows.grant(rs)).list();
    }

    static List<Grant> to(Handle h, String principal) {
        return h.createQuery("SELECT * FROM grants WHERE principal = ?" + ORDER).bind(0, principal)
                .map((rs, ctx) -> CatalogRows.grant(rs)).list();
    }
}
