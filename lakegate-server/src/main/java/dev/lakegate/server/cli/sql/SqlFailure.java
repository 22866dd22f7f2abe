package dev.lakegate.server.cli.sql;

/** A failure shown to the user as one line; the command exits with status 1. */
final class SqlFailure extends RuntimeException {
    SqlFailure(String message) {
        super(message, null, false, false);
    }
}
