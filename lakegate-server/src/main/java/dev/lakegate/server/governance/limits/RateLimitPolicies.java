package dev.lakegate.server.governance.limits;

import java.util.Map;

/**
 * Where an endpoint's limits come from: the configuration file today, the admin API's
 * {@code PUT /api/2.0/serving-endpoints/{name}/ai-gateway} later. Looked up on every request to a
 * limited operation, so implementations answer from memory.
 */
@FunctionalInterface
public interface RateLimitPolicies {

    /** The limits of the endpoint of this (canonical) name; {@link RateLimitPolicy#NONE} when it has none. */
    RateLimitPolicy forEndpoint(String endpointName);

    /** Fixed policies by endpoint name. */
    static RateLimitPolicies of(Map<String, RateLimitPolicy> byEndpoint) {
        Map<String, RateLimitPolicy> copy = Map.copyOf(byEndpoint);
        return name -> copy.getOrDefault(name, RateLimitPolicy.NONE);
    }
}
