package dev.lakegate.server.api;

/**
 * One JSON API route: method, a path template such as {@code /api/2.0/token/delete} or
 * {@code /api/2.0/serving-endpoints/{name}}, whether only admins may call it, and its handler.
 */
public record ApiRoute(String method, String pathTemplate, boolean adminOnly, ApiHandler handler) {}
