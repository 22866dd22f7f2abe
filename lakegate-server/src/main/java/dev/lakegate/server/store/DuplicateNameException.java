package dev.lakegate.server.store;

/** A principal (or another named object) with the same (case-insensitive) name already exists. */
public final class DuplicateNameException extends RuntimeException {

    public DuplicateNameException(String name) {
        this("principal", name);
    }

    /** @param kind what holds the name, e.g. "budget" */
    public DuplicateNameException(String kind, String name) {
        super("a " + kind + " named '" + name + "' already exists");
    }
}
