package dev.lakegate.server.api.admin;

import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.provider.EndpointRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin API in the managed product's shapes: SCIM users, service principals and groups, the
 * token API (own tokens, any caller), token management (admins) and serving-endpoint permissions
 * (admins and CAN_MANAGE holders). Admin-only routes check the caller themselves as well as being
 * marked {@code adminOnly}.
 */
public final class AdminApi {
    private AdminApi() {}

    public static List<ApiRoute> routes(Governance governance, EndpointRegistry endpoints) {
        List<ApiRoute> routes = new ArrayList<>();
        routes.addAll(new ScimApi(ScimKind.USERS, governance.principals(), governance.groups()).routes());
        routes.addAll(new ScimApi(ScimKind.SERVICE_PRINCIPALS, governance.principals(), governance.groups()).routes());
        routes.addAll(new ScimGroupsApi(governance.groups()).routes());
        routes.addAll(new TokenApi(governance.principals(), governance.tokens()).routes());
        routes.addAll(new TokenManagementApi(governance.principals(), governance.tokens()).routes());
        routes.addAll(new PermissionsApi(governance.permissions(), endpoints).routes());
        return List.copyOf(routes);
    }
}
