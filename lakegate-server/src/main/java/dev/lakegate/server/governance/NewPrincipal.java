package dev.lakegate.server.governance;

/**
 * What an admin asks for when creating a principal.
 *
 * @param name user name, or a service principal's application id
 * @param displayName optional
 * @param email optional; users only
 */
public record NewPrincipal(PrincipalType type, String name, String displayName, String email, boolean admin, boolean active) {}
