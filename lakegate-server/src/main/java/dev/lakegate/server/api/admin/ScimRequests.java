package dev.lakegate.server.api.admin;

import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.governance.GovernanceErrors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** What the SCIM resource types (Users, ServicePrincipals, Groups) read from requests alike: list queries and ids. */
final class ScimRequests {
    private ScimRequests() {}

    /**
     * A SCIM list answer: {@code ?filter=} on one attribute, then {@code ?startIndex=} (1-based) and
     * {@code ?count=} paging; only the page is rendered.
     */
    static <T> ScimResources.ListResponse list(ApiRequest request, List<T> all, Map<String, Function<T, String>> attributes,
            String example, Function<T, ?> render) {
        Predicate<T> filter = request.queryParam("filter").filter(f -> !f.isBlank())
                .map(f -> ScimFilter.parse(f, attributes, example)).orElse(x -> true);
        List<T> matching = all.stream().filter(filter).toList();
        int start = (int) Math.max(1, number(request, "startIndex", 1));
        long count = number(request, "count", Integer.MAX_VALUE);
        List<?> page = matching.stream().skip(start - 1L).limit(Math.max(0, count)).map(render).toList();
        return ScimResources.list(page, matching.size(), start);
    }

    /** The numeric {@code {id}} of the path, or empty when it is not a number. */
    static Optional<Long> id(ApiRequest request) {
        try {
            return Optional.of(Long.parseLong(request.pathParams().get("id")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long number(ApiRequest request, String name, long fallback) {
        String raw = request.queryParam(name).orElse(null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw GovernanceErrors.invalid("query parameter " + name + " must be a whole number, got '" + raw + "'");
        }
    }
}
