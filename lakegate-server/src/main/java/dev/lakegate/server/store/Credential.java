package dev.lakegate.server.store;

/** A token together with its owner, read in one query when a secret is authenticated. */
public record Credential(TokenRecord token, PrincipalRecord owner) {}
