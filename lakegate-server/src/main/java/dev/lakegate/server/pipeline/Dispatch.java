package dev.lakegate.server.pipeline;

import dev.lakegate.protocol.canonical.UpstreamErrors;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.lane.Lane;
import dev.lakegate.server.observe.Attempt;
import dev.lakegate.server.provider.Destination;
import dev.lakegate.server.provider.UpstreamResponse;
import java.util.List;

/**
 * The end of the pipeline: tries the planned destinations in order, each down the lane its
 * protocols call for, falling back on 429, 5xx, a refused credential, a failed connection or a
 * timeout — always before anything reached the agent, never after. Every try is recorded.
 */
public final class Dispatch implements Interceptor {
    private final Lane passthrough;
    private final Lane translation;

    public Dispatch(Lane passthrough, Lane translation) {
        this.passthrough = passthrough;
        this.translation = translation;
    }

    @Override
    public void intercept(Exchange exchange, Chain chain) throws Exception {
        List<Destination> plan = exchange.plan();
        for (int i = 0; i < plan.size(); i++) {
            Destination destination = plan.get(i);
            boolean last = i == plan.size() - 1;
            Lane lane = laneFor(exchange, destination);
            exchange.destination(destination);
            long start = System.nanoTime();
            UpstreamResponse response;
            try {
                response = lane.send(exchange, destination);
            } catch (GatewayException e) {
                exchange.attempt(attempt(destination, e.error().status(), e.error().category().name(), start));
                if (last) {
                    throw e;
                }
                continue;
            }
            int status = response.status();
            if (status == 401 || status == 403) {
                exchange.attempt(attempt(destination, status, ErrorCategory.UPSTREAM_ERROR.name(), start));
                response.close();
                if (last) {
                    // The provider refused Lakegate's key, not the agent's token: say so, so the agent does not retry a "bad token".
                    throw new GatewayException(GatewayError.of(ErrorCategory.UPSTREAM_ERROR, "Upstream provider '" + destination.provider().name()
                            + "' rejected the gateway's credential (HTTP " + status + "); check its API key configuration"));
                }
                continue;
            }
            String failure = status >= 400 ? UpstreamErrors.categoryOf(status).name() : null;
            if ((status == 429 || status >= 500) && !last) {
                exchange.attempt(attempt(destination, status, failure, start));
                response.close();
                continue;
            }
            exchange.attempt(attempt(destination, status, failure, start));
            exchange.upstreamFailure(failure);
            try (response) {
                lane.relay(exchange, response);
            }
            return;
        }
    }

    /** Same protocol on both sides: bytes pass through; otherwise the request is translated. */
    private Lane laneFor(Exchange exchange, Destination destination) {
        return destination.provider().speaks(exchange.route().operation().protocol()) ? passthrough : translation;
    }

    private static Attempt attempt(Destination d, int status, String errorCode, long startNanos) {
        return new Attempt(d.priority(), d.label(), status, errorCode, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
