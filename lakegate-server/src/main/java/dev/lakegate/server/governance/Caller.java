package dev.lakegate.server.governance;

/**
 * An authenticated caller: who, and with which token.
 *
 * @param tokenId the token's public id (never the secret); recorded in the usage table
 */
public record Caller(Principal principal, String tokenId) {}
