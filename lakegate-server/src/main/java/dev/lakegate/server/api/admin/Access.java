package dev.lakegate.server.api.admin;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.api.ApiHandler;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.EndpointPermissions;
import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.governance.PermissionLevel;
import dev.lakegate.server.provider.Endpoint;
import dev.lakegate.server.provider.EndpointRegistry;

/** Who may call what. The HTTP layer enforces {@code adminOnly} too; handlers do not rely on it. */
final class Access {
    private Access() {}

    static Caller caller(ApiRequest request) {
        if (request.caller() == null) {
            throw new GatewayException(ErrorCategory.AUTHENTICATION,
                    "no credentials: send Authorization: Bearer <token> (create one with ./lakegate tokens create)");
        }
        return request.caller();
    }

    /**
     * The endpoint named by the path's {@code {name}}, when the caller holds {@code level} on it: 404 when there is none
     * (an alias is not a name), then 403 — endpoint names are no secret from the gateway's users, what they may do is.
     */
    static Endpoint endpoint(ApiRequest request, EndpointRegistry endpoints, EndpointPermissions permissions, PermissionLevel level) {
        String name = request.pathParams().get("name");
        Endpoint endpoint = endpoints.find(name).filter(e -> e.name().equals(name)).orElseThrow(() -> GovernanceErrors.notFound(
                "no endpoint is named '" + name + "' (aliases do not count): the names are in the gateway's configuration"));
        permissions.require(caller(request), endpoint, level);
        return endpoint;
    }

    /** A route only admins may call. */
    static ApiRoute adminRoute(String method, String path, ApiHandler handler) {
        return new ApiRoute(method, path, true, adminOnly(handler));
    }

    static ApiHandler adminOnly(ApiHandler handler) {
        return request -> {
            Caller caller = caller(request);
            if (!caller.principal().admin()) {
                throw GovernanceErrors.forbidden("'" + caller.principal().name() + "' is not an admin: "
                        + request.method() + " " + request.path() + " needs an admin token");
            }
            return handler.handle(request);
        };
    }
}
