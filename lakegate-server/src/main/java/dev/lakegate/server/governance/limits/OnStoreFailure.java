package dev.lakegate.server.governance.limits;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What to do with a request whose limits cannot be checked because the bucket store (Redis) does not
 * answer. Admitting keeps agents working through a Redis outage at the price of unenforced limits for
 * its length; refusing keeps the limits at the price of the outage reaching every agent.
 */
public enum OnStoreFailure {
    /** Fail open (the default): the request goes through uncounted; logged and counted in a metric. */
    ADMIT("admit"),
    /** Fail closed: the request gets a retryable 503. */
    REFUSE("refuse");

    private final String id;

    OnStoreFailure(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static OnStoreFailure fromId(String id) {
        for (OnStoreFailure f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown on_redis_failure '" + id + "' (expected admit or refuse)");
    }
}
