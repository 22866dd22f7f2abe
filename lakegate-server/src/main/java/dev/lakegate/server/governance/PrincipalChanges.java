package dev.lakegate.server.governance;

import java.util.Optional;

/** A partial update of a principal (SCIM PATCH, or PUT with every field present). */
public record PrincipalChanges(
        Optional<String> name,
        Optional<String> displayName,
        Optional<String> email,
        Optional<Boolean> admin,
        Optional<Boolean> active) {

    public static PrincipalChanges none() {
        return new PrincipalChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public PrincipalChanges withName(String value) {
        return new PrincipalChanges(Optional.of(value), displayName, email, admin, active);
    }

    public PrincipalChanges withDisplayName(String value) {
        return new PrincipalChanges(name, Optional.ofNullable(value), email, admin, active);
    }

    public PrincipalChanges withEmail(String value) {
        return new PrincipalChanges(name, displayName, Optional.ofNullable(value), admin, active);
    }

    public PrincipalChanges withAdmin(boolean value) {
        return new PrincipalChanges(name, displayName, email, Optional.of(value), active);
    }

    public PrincipalChanges withActive(boolean value) {
        return new PrincipalChanges(name, displayName, email, admin, Optional.of(value));
    }
}
