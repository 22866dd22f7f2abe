package dev.lakegate.server.api.admin;

import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.governance.GroupService;
import dev.lakegate.server.store.GroupRecord;
import dev.lakegate.server.store.PrincipalRecord;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * SCIM Groups in the managed product's shape ({@code displayName} is the group's unique name;
 * members are users and service principals by id); admins only. Groups are not renamed or replaced
 * with PUT: PATCH changes members.
 */
final class ScimGroupsApi {
    static final String PATH = ScimKind.BASE + ScimResources.GROUPS;
    private static final Map<String, Function<GroupRecord, String>> FILTERABLE = filterable();

    private final GroupService groups;

    ScimGroupsApi(GroupService groups) {
        this.groups = groups;
    }

    List<ApiRoute> routes() {
        String item = PATH + "/{id}";
        return List.of(
                Access.adminRoute("GET", PATH, this::list),
                Access.adminRoute("POST", PATH, this::create),
                Access.adminRoute("GET", item, this::get),
                Access.adminRoute("PATCH", item, this::patch),
                Access.adminRoute("DELETE", item, this::delete));
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(ScimRequests.list(request, groups.list(), FILTERABLE, "displayName eq \"ml-team\"", this::resource));
    }

    private ApiResponse create(ApiRequest request) {
        ScimGroupBodies.Create body = ScimGroupBodies.create(Bodies.object(request.body()));
        return new ApiResponse(201, resource(groups.create(body.name(), body.members())));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(resource(existing(request)));
    }

    /** A replace of all members becomes the additions and removals that reach it, applied as one change. */
    private ApiResponse patch(ApiRequest request) {
        GroupRecord group = existing(request);
        ScimGroupBodies.Patch patch = ScimGroupBodies.patch(Bodies.object(request.body()), group.name());
        Set<Long> add = new HashSet<>(patch.add());
        Set<Long> remove = new HashSet<>(patch.remove());
        patch.replace().ifPresent(wanted -> {
            wanted.stream().filter(id -> !remove.contains(id)).forEach(add::add);
            groups.members(group).stream().map(PrincipalRecord::id).filter(id -> !add.contains(id)).forEach(remove::add);
        });
        groups.changeMembers(group, add, remove);
        return ApiResponse.ok(resource(group));
    }

    private ApiResponse delete(ApiRequest request) {
        groups.delete(existing(request));
        return new ApiResponse(204, null);
    }

    private ScimResources.GroupResource resource(GroupRecord group) {
        return ScimResources.of(group, groups.members(group));
    }

    private GroupRecord existing(ApiRequest request) {
        return ScimRequests.id(request).flatMap(groups::find)
                .orElseThrow(() -> GovernanceErrors.notFound("no group has id '" + request.pathParams().get("id") + "': list them with GET " + PATH));
    }

    private static Map<String, Function<GroupRecord, String>> filterable() {
        Map<String, Function<GroupRecord, String>> attributes = new LinkedHashMap<>();
        attributes.put("displayName", GroupRecord::name);
        attributes.put("id", g -> String.valueOf(g.id()));
        return attributes;
    }
}
