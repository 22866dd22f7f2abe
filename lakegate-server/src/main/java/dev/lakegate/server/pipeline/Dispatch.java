package dev.lakegate.server.pipeline;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.lane.PassthroughLane;

/** The end of the pipeline: sends the request down the lane its protocols call for. */
public final class Dispatch implements Interceptor {
    private final PassthroughLane passthrough;

    public Dispatch(PassthroughLane passthrough) {
        this.passthrough = passthrough;
    }

    @Override
    public void intercept(Exchange exchange, Chain chain) throws Exception {
        WireProtocol protocol = exchange.route().operation().protocol();
        if (exchange.destination().provider().speaks(protocol)) {
            passthrough.handle(exchange);
            return;
        }
        throw new GatewayException(ErrorCategory.INVALID_REQUEST, "Endpoint '" + exchange.endpoint().name() + "' is served by provider '"
                + exchange.destination().provider().name() + "', which does not speak " + protocol.id()
                + "; protocol translation is not available in this version of Lakegate");
    }
}
