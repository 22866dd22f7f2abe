package dev.lakegate.server.store;

/** A principal or group with the same (case-insensitive) name already exists: they share one namespace. */
public final class DuplicateNameException extends RuntimeException {

    public DuplicateNameException(String name) {
        super("a user, service principal or group named '" + name + "' already exists");
    }
}
