package dev.lakegate.server.store;

/** A named object with the same (case-insensitive) name already exists; principals and groups share one namespace. */
public final class DuplicateNameException extends RuntimeException {

    public DuplicateNameException(String name) {
        super("a user, service principal or group named '" + name + "' already exists");
    }

    /** @param kind what holds the name, e.g. "budget" */
    public DuplicateNameException(String kind, String name) {
        super("a " + kind + " named '" + name + "' already exists");
    }
}
