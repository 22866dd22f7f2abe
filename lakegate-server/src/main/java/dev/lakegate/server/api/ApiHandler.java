package dev.lakegate.server.api;

/**
 * Handles one route of the JSON APIs. Throw {@link dev.lakegate.protocol.error.GatewayException}
 * for errors: the API renders them as {@code {"error_code":…,"message":…}} with the category's status.
 */
@FunctionalInterface
public interface ApiHandler {
    ApiResponse handle(ApiRequest request) throws Exception;
}
