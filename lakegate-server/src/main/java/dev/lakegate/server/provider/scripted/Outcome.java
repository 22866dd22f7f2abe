package dev.lakegate.server.provider.scripted;

/** How the scripted model's answer to one request ended. */
public enum Outcome {
    /** The whole answer was written. */
    COMPLETED,
    /** The client went away (a write failed or the connection closed) before the answer ended. */
    CLIENT_CANCELLED,
    /** A script cut the connection on purpose ({@link Script#failAfterEvents()}). */
    ABORTED
}
