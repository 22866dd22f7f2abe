package dev.lakegate.server.cli.agents;

/** A configuration that cannot be written as asked: what is wrong and what to do, printed as one line. */
public class ConfigFailure extends RuntimeException {
    public ConfigFailure(String message) {
        super(message, null, false, false);
    }
}
