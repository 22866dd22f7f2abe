package dev.lakegate.server.pipeline;

import dev.lakegate.server.governance.EndpointPermissions;
import dev.lakegate.server.governance.PermissionLevel;

/**
 * Lets the request through only when the caller holds CAN_QUERY on the resolved endpoint; else 403
 * in the surface's format. It runs after {@link ResolveEndpoint}, so an unknown name stays 404: an
 * authenticated caller may learn that an endpoint exists, never what it serves (docs/design/016).
 */
public final class Authorize implements Interceptor {
    private final EndpointPermissions permissions;

    public Authorize(EndpointPermissions permissions) {
        this.permissions = permissions;
    }

    @Override
    public void intercept(Exchange exchange, Chain chain) throws Exception {
        permissions.require(exchange.caller(), exchange.endpoint(), PermissionLevel.CAN_QUERY);
        chain.proceed(exchange);
    }
}
