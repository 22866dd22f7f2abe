package dev.lakegate.server.governance.limits;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;

/**
 * One entry of an endpoint's {@code rate_limits}, in the managed product's shape (SPEC §3):
 * {@code {key: endpoint|user|user_group|service_principal, principal, calls, tokens, renewal_period: minute}}.
 * Taken as written; {@link RateLimitPolicy#compile} validates a list of them.
 *
 * @param principal the user, group or service principal name; absent for {@code endpoint} and for the
 *     default per-user limit ({@code key: user} without a principal)
 * @param calls requests per renewal period (QPM), or null
 * @param tokens input + output tokens per renewal period (TPM), or null
 * @param renewalPeriod only {@code minute}; null means minute
 */
public record RateLimit(Key key, String principal, Long calls, Long tokens, RenewalPeriod renewalPeriod) {

    public RateLimit {
        renewalPeriod = renewalPeriod == null ? RenewalPeriod.MINUTE : renewalPeriod;
    }

    /** Whom a limit applies to. */
    public enum Key {
        ENDPOINT("endpoint"),
        USER("user"),
        USER_GROUP("user_group"),
        SERVICE_PRINCIPAL("service_principal");

        private final String id;

        Key(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }

        @JsonCreator
        public static Key fromId(String id) {
            for (Key k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown rate limit key '" + id + "' (expected endpoint, user, user_group or service_principal)");
        }
    }

    /** How often a limit renews; the managed product offers only the minute. */
    public enum RenewalPeriod {
        MINUTE("minute", Duration.ofMinutes(1));

        private final String id;
        private final Duration length;

        RenewalPeriod(String id, Duration length) {
            this.id = id;
            this.length = length;
        }

        @JsonValue
        public String id() {
            return id;
        }

        public Duration length() {
            return length;
        }

        @JsonCreator
        public static RenewalPeriod fromId(String id) {
            for (RenewalPeriod p : values()) {
                if (p.id.equals(id)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown renewal_period '" + id + "' (only minute is supported)");
        }
    }
}
