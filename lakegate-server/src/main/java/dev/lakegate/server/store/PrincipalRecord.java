package dev.lakegate.server.store;

import dev.lakegate.server.governance.Principal;
import dev.lakegate.server.governance.PrincipalType;
import java.time.Instant;

/**
 * A stored user or service principal. For service principals {@code name} is the application id.
 *
 * @param displayName free text shown in lists; may be null
 * @param email may be null (service principals have none)
 */
public record PrincipalRecord(
        long id,
        PrincipalType type,
        String name,
        String displayName,
        String email,
        boolean admin,
        boolean active,
        Instant createdAt) {

    /** The identity the pipeline carries for an authenticated caller. */
    public Principal principal() {
        return new Principal(id, name, type, email, admin, active);
    }

    public PrincipalRecord withAdmin(boolean newAdmin) {
        return new PrincipalRecord(id, type, name, displayName, email, newAdmin, active, createdAt);
    }

    public PrincipalRecord withActive(boolean newActive) {
        return new PrincipalRecord(id, type, name, displayName, email, admin, newActive, createdAt);
    }
}
