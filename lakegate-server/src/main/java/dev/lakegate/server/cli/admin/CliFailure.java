package dev.lakegate.server.cli.admin;

/** A failure to show the operator as one line: what went wrong and what to do. */
class CliFailure extends RuntimeException {

    CliFailure(String message) {
        super(message, null, false, false);
    }

    /** The gateway answered with an error status. */
    static final class Http extends CliFailure {
        final int status;

        Http(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
