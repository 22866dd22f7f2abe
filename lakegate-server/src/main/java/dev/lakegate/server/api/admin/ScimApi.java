package dev.lakegate.server.api.admin;

import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.governance.GroupService;
import dev.lakegate.server.governance.PrincipalService;
import dev.lakegate.server.store.GroupRecord;
import dev.lakegate.server.store.PrincipalRecord;
import java.util.List;
import java.util.function.Function;

/** SCIM-like management of users or service principals (one instance per kind); admins only. */
final class ScimApi {
    private final ScimKind kind;
    private final PrincipalService principals;
    private final GroupService groups;

    ScimApi(ScimKind kind, PrincipalService principals, GroupService groups) {
        this.kind = kind;
        this.principals = principals;
        this.groups = groups;
    }

    List<ApiRoute> routes() {
        String item = kind.path + "/{id}";
        return List.of(
                Access.adminRoute("GET", kind.path, this::list),
                Access.adminRoute("POST", kind.path, this::create),
                Access.adminRoute("GET", item, this::get),
                Access.adminRoute("PATCH", item, this::patch),
                Access.adminRoute("PUT", item, this::replace),
                Access.adminRoute("DELETE", item, this::delete));
    }

    private ApiResponse list(ApiRequest request) {
        Function<PrincipalRecord, List<GroupRecord>> groupsOf = groups.groupsOfAll();
        return ApiResponse.ok(ScimRequests.list(request, principals.list(kind.type), kind.filterAttributes(),
                kind.nameAttribute + " eq \"alice\"", p -> ScimResources.of(kind, p, groupsOf.apply(p))));
    }

    private ApiResponse create(ApiRequest request) {
        PrincipalRecord created = principals.create(ScimBodies.create(kind, Bodies.object(request.body())));
        return new ApiResponse(201, resource(created));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(resource(existing(request)));
    }

    private ApiResponse patch(ApiRequest request) {
        long id = existing(request).id();
        return ApiResponse.ok(resource(principals.update(id, ScimBodies.patch(kind, Bodies.object(request.body())))));
    }

    private ApiResponse replace(ApiRequest request) {
        long id = existing(request).id();
        return ApiResponse.ok(resource(principals.update(id, ScimBodies.replace(kind, Bodies.object(request.body())))));
    }

    /** Deactivates and revokes every token; the row stays so past usage keeps its owner. */
    private ApiResponse delete(ApiRequest request) {
        principals.deactivate(existing(request).id());
        return new ApiResponse(204, null);
    }

    private ScimResources.Resource resource(PrincipalRecord p) {
        return ScimResources.of(kind, p, groups.groupsOf(p));
    }

    private PrincipalRecord existing(ApiRequest request) {
        return ScimRequests.id(request).flatMap(principals::find).filter(p -> p.type() == kind.type)
                .orElseThrow(() -> GovernanceErrors.notFound("no " + kind.label + " has id '" + request.pathParams().get("id")
                        + "': list them with GET " + kind.path));
    }
}
