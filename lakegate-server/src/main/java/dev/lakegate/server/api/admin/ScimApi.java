package dev.lakegate.server.api.admin;

import dev.lakegate.server.api.ApiHandler;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.governance.PrincipalService;
import dev.lakegate.server.store.PrincipalRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** SCIM-like management of users or service principals (one instance per kind); admins only. */
final class ScimApi {
    private final ScimKind kind;
    private final PrincipalService principals;

    ScimApi(ScimKind kind, PrincipalService principals) {
        this.kind = kind;
        this.principals = principals;
    }

    List<ApiRoute> routes() {
        String item = kind.path + "/{id}";
        return List.of(
                route("GET", kind.path, this::list),
                route("POST", kind.path, this::create),
                route("GET", item, this::get),
                route("PATCH", item, this::patch),
                route("PUT", item, this::replace),
                route("DELETE", item, this::delete));
    }

    private static ApiRoute route(String method, String path, ApiHandler handler) {
        return new ApiRoute(method, path, true, Access.adminOnly(handler));
    }

    private ApiResponse list(ApiRequest request) {
        Predicate<PrincipalRecord> filter = request.queryParam("filter").filter(f -> !f.isBlank())
                .map(f -> ScimFilter.parse(kind, f)).orElse(p -> true);
        List<ScimResources.Resource> all = principals.list(kind.type).stream()
                .filter(filter)
                .map(p -> ScimResources.of(kind, p))
                .toList();
        int start = (int) Math.max(1, number(request, "startIndex", 1));
        long count = number(request, "count", Integer.MAX_VALUE);
        List<ScimResources.Resource> page = all.stream().skip(start - 1L).limit(Math.max(0, count)).toList();
        return ApiResponse.ok(ScimResources.list(page, all.size(), start));
    }

    private ApiResponse create(ApiRequest request) {
        PrincipalRecord created = principals.create(ScimBodies.create(kind, Bodies.object(request.body())));
        return new ApiResponse(201, ScimResources.of(kind, created));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(ScimResources.of(kind, existing(request)));
    }

    private ApiResponse patch(ApiRequest request) {
        long id = existing(request).id();
        return ApiResponse.ok(ScimResources.of(kind, principals.update(id, ScimBodies.patch(kind, Bodies.object(request.body())))));
    }

    private ApiResponse replace(ApiRequest request) {
        long id = existing(request).id();
        return ApiResponse.ok(ScimResources.of(kind, principals.update(id, ScimBodies.replace(kind, Bodies.object(request.body())))));
    }

    /** Deactivates and revokes every token; the row stays so past usage keeps its owner. */
    private ApiResponse delete(ApiRequest request) {
        principals.deactivate(existing(request).id());
        return new ApiResponse(204, null);
    }

    private PrincipalRecord existing(ApiRequest request) {
        String raw = request.pathParams().get("id");
        return parseId(raw).flatMap(principals::find).filter(p -> p.type() == kind.type)
                .orElseThrow(() -> GovernanceErrors.notFound("no " + kind.label + " has id '" + raw + "': list them with GET " + kind.path));
    }

    private static Optional<Long> parseId(String raw) {
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException | NullPointerException e) {
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
