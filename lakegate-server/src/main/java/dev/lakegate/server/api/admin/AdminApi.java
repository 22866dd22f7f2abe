package dev.lakegate.server.api.admin;

import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.payload.TableOpener;
import dev.lakegate.server.provider.EndpointRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin API in the managed product's shapes: SCIM users, service principals and groups, the
 * token API (own tokens, any caller), token management (admins), serving-endpoint permissions
 * (admins and CAN_MANAGE holders), and serving endpoints with their ai-gateway settings. Admin-only
 * routes check the caller themselves as well as being marked {@code adminOnly}.
 */
public final class AdminApi {
    private AdminApi() {}

    /** @param tables opens the inference table an ai-gateway PUT enables (the payload recorder) */
    public static List<ApiRoute> routes(Governance governance, EndpointRegistry endpoints, TableOpener tables) {
        List<ApiRoute> routes = new ArrayList<>();
        routes.addAll(new ScimApi(ScimKind.USERS, governance.principals(), governance.groups()).routes());
        routes.addAll(new ScimApi(ScimKind.SERVICE_PRINCIPALS, governance.principals(), governance.groups()).routes());
        routes.addAll(new ScimGroupsApi(governance.groups()).routes());
        routes.addAll(new TokenApi(governance.principals(), governance.tokens()).routes());
        routes.addAll(new TokenManagementApi(governance.principals(), governance.tokens()).routes());
        routes.addAll(new PermissionsApi(governance.permissions(), endpoints).routes());
        routes.addAll(new ServingEndpointsApi(endpoints, governance.permissions(), governance.aiGateway(), tables).routes());
        return List.copyOf(routes);
    }
}
