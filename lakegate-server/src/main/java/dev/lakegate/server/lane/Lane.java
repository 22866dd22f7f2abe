package dev.lakegate.server.lane;

import dev.lakegate.server.pipeline.Exchange;
import dev.lakegate.server.provider.Destination;
import dev.lakegate.server.provider.UpstreamResponse;
import java.io.IOException;

/**
 * How a request reaches one destination and how its answer reaches the agent. Split in two so
 * routing can fall back to another destination after {@link #send} and before {@link #relay}, when
 * nothing has reached the agent yet.
 */
public interface Lane {

    /** Calls the destination; returns once its status and headers arrived. Transport failures throw GatewayException. */
    UpstreamResponse send(Exchange exchange, Destination destination);

    /** Writes the accepted answer (any status) to the agent in the agent's protocol. */
    void relay(Exchange exchange, UpstreamResponse response) throws IOException;
}
