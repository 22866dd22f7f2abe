package dev.lakegate.server.governance;

/**
 * A user or service principal.
 *
 * @param id stable internal id
 * @param name unique name (user name or application name)
 */
public record Principal(long id, String name, PrincipalType type, String email, boolean admin, boolean active) {}
