package dev.lakegate.server.api;

import dev.lakegate.server.governance.Caller;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON API call (admin, SQL, catalog), already authenticated.
 *
 * @param pathParams values of {@code {name}} segments of the matched route
 * @param query decoded query parameters
 */
public record ApiRequest(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query, byte[] body, Caller caller) {

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
