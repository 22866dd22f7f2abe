package dev.lakegate.server.pipeline;

import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.limits.RateLimitErrors;
import dev.lakegate.server.governance.limits.RateLimitPolicy;
import dev.lakegate.server.governance.limits.RateLimiter;
import dev.lakegate.server.surface.Operation;
import java.time.Clock;

/**
 * Applies the endpoint's rate limits (SPEC §3) once the caller and the endpoint are known. A refusal
 * is a 429 in the surface's format; an admitted request runs on, and its input + output tokens are
 * charged when it ends, whether it ended well, failed or was cut (streams and the Responses API
 * included: the lanes settle the usage of every answer before this returns).
 *
 * <p>Only generation counts: token counting and model lists are not queries of the model, and Anthropic
 * limits its own token counting apart from messages too. The limits are those of the endpoint's settings the
 * request resolved (configured, or set through the admin API); an endpoint without limits costs a field read.
 */
public final class EnforceRateLimits implements Interceptor {
    private final RateLimiter limiter;
    private final Clock clock;

    public EnforceRateLimits(RateLimiter limiter, Clock clock) {
        this.limiter = limiter;
        this.clock = clock;
    }

    @Override
    public void intercept(Exchange exchange, Chain chain) throws Exception {
        RateLimitPolicy policy = exchange.route().operation().kind() == Operation.Kind.GENERATE
                ? exchange.endpoint().settings().rateLimits() : RateLimitPolicy.NONE;
        if (policy.isEmpty()) {
            chain.proceed(exchange);
            return;
        }
        Caller caller = exchange.caller();
        switch (limiter.admit(policy.requirements(caller.principal().name(), caller.principal().type(), caller.groups()))) {
            case RateLimiter.Decision.Admitted admitted -> {
                try {
                    chain.proceed(exchange);
                } finally {
                    limiter.charge(admitted, exchange.usage().totalTokens());
                }
            }
            case RateLimiter.Decision.Refused refused ->
                    throw new GatewayException(RateLimitErrors.refused(refused.refusal(), exchange.route().errorProtocol(), clock.instant()));
            case RateLimiter.Decision.Unavailable unavailable -> throw new GatewayException(RateLimitErrors.unavailable());
        }
    }
}
