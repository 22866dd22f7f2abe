package dev.lakegate.server.governance;

/** The two kinds of callers; the usage table records them as {@code USER} / {@code SERVICE_PRINCIPAL}. */
public enum PrincipalType {
    USER,
    SERVICE_PRINCIPAL
}
