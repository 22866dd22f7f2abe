package dev.lakegate.server.store;

/** A principal with the same (case-insensitive) name already exists. */
public final class DuplicateNameException extends RuntimeException {

    public DuplicateNameException(String name) {
        super("a principal named '" + name + "' already exists");
    }
}
