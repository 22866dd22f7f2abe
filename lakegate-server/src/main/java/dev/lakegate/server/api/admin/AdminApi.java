package dev.lakegate.server.api.admin;

import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.Governance;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin API for principals and tokens, in the managed product's shapes: SCIM users and
 * service principals, the token API (own tokens, any caller) and token management (admins).
 * Admin-only routes check the caller themselves as well as being marked {@code adminOnly}.
 */
public final class AdminApi {
    private AdminApi() {}

    public static List<ApiRoute> routes(Governance governance) {
        List<ApiRoute> routes = new ArrayList<>();
        routes.addAll(new ScimApi(ScimKind.USERS, governance.principals()).routes());
        routes.addAll(new ScimApi(ScimKind.SERVICE_PRINCIPALS, governance.principals()).routes());
        routes.addAll(new TokenApi(governance.principals(), governance.tokens()).routes());
        routes.addAll(new TokenManagementApi(governance.principals(), governance.tokens()).routes());
        return List.copyOf(routes);
    }
}
