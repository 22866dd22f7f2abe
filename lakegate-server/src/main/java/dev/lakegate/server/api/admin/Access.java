package dev.lakegate.server.api.admin;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.api.ApiHandler;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.GovernanceErrors;

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
