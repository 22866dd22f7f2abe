package dev.lakegate.server.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.AccessControl;
import dev.lakegate.server.governance.EndpointAcl;
import dev.lakegate.server.governance.EndpointPermissions;
import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.governance.GranteeKind;
import dev.lakegate.server.governance.PermissionLevel;
import dev.lakegate.server.provider.Endpoint;
import dev.lakegate.server.provider.EndpointRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serving-endpoint permissions in the managed product's shape: GET, PUT (replace) and PATCH (add) of
 * {@code access_control_list}, and the levels one may grant. Admins and holders of CAN_MANAGE on the
 * endpoint may call them. {@code source} (a Lakegate addition) says whether the ACL in force comes
 * from the configuration or was set through this API.
 */
final class PermissionsApi {
    static final String PATH = "/api/2.0/permissions/serving-endpoints/{name}";

    private final EndpointPermissions permissions;
    private final EndpointRegistry endpoints;

    PermissionsApi(EndpointPermissions permissions, EndpointRegistry endpoints) {
        this.permissions = permissions;
        this.endpoints = endpoints;
    }

    List<ApiRoute> routes() {
        return List.of(
                new ApiRoute("GET", PATH, false, this::get),
                new ApiRoute("PUT", PATH, false, this::replace),
                new ApiRoute("PATCH", PATH, false, this::add),
                new ApiRoute("GET", PATH + "/permissionLevels", false, this::levels));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(
            @JsonProperty("user_name") String userName,
            @JsonProperty("group_name") String groupName,
            @JsonProperty("service_principal_name") String servicePrincipalName,
            @JsonProperty("all_permissions") List<Held> allPermissions) {}

    record Held(@JsonProperty("permission_level") PermissionLevel level, @JsonProperty("inherited") boolean inherited) {}

    record Answer(
            @JsonProperty("object_id") String objectId,
            @JsonProperty("object_type") String objectType,
            @JsonProperty("access_control_list") List<Entry> accessControlList,
            @JsonProperty("source") String source) {}

    record Level(@JsonProperty("permission_level") PermissionLevel level, @JsonProperty("description") String description) {}

    record Levels(@JsonProperty("permission_levels") List<Level> levels) {}

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(answer(permissions.acl(managed(request))));
    }

    private ApiResponse replace(ApiRequest request) {
        Endpoint endpoint = managed(request);
        return ApiResponse.ok(answer(permissions.replace(endpoint, entries(request))));
    }

    private ApiResponse add(ApiRequest request) {
        Endpoint endpoint = managed(request);
        return ApiResponse.ok(answer(permissions.add(endpoint, entries(request))));
    }

    private ApiResponse levels(ApiRequest request) {
        managed(request);
        return ApiResponse.ok(new Levels(Arrays.stream(PermissionLevel.values()).map(l -> new Level(l, l.description())).toList()));
    }

    private Endpoint managed(ApiRequest request) {
        return Access.endpoint(request, endpoints, permissions, PermissionLevel.CAN_MANAGE);
    }

    private static List<AccessControl> entries(ApiRequest request) {
        JsonNode list = Bodies.object(request.body()).get("access_control_list");
        if (list == null || !list.isArray()) {
            throw GovernanceErrors.invalid("send \"access_control_list\": [{\"group_name\": \"users\", \"permission_level\": \"CAN_QUERY\"}]"
                    + " (PUT with [] leaves the endpoint to admins)");
        }
        List<AccessControl> entries = new ArrayList<>();
        for (JsonNode e : list) {
            if (!e.isObject()) {
                throw GovernanceErrors.invalid("each access_control_list entry is an object such as {\"user_name\": \"alice\", \"permission_level\": \"CAN_QUERY\"}");
            }
            entries.add(AccessControl.of(Bodies.text(e, GranteeKind.USER.field()).orElse(null), Bodies.text(e, GranteeKind.GROUP.field()).orElse(null),
                    Bodies.text(e, GranteeKind.SERVICE_PRINCIPAL.field()).orElse(null), Bodies.text(e, "permission_level").orElse(null)));
        }
        return entries;
    }

    private record Grantee(GranteeKind kind, String name) {}

    /** One entry per grantee with every level it holds, as the managed product answers. */
    private static Answer answer(EndpointAcl acl) {
        Map<Grantee, List<Held>> byGrantee = new LinkedHashMap<>();
        for (AccessControl e : acl.entries()) {
            byGrantee.computeIfAbsent(new Grantee(e.kind(), e.name()), k -> new ArrayList<>()).add(new Held(e.level(), false));
        }
        List<Entry> entries = byGrantee.entrySet().stream().map(g -> {
            String name = g.getKey().name();
            return switch (g.getKey().kind()) {
                case USER -> new Entry(name, null, null, g.getValue());
                case GROUP -> new Entry(null, name, null, g.getValue());
                case SERVICE_PRINCIPAL -> new Entry(null, null, name, g.getValue());
            };
        }).toList();
        return new Answer("/serving-endpoints/" + acl.endpoint(), "serving-endpoint", entries, acl.source().id());
    }
}
