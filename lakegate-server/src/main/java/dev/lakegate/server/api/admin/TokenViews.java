package dev.lakegate.server.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.TokenRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/** Token answers in the Databricks token API shape. Never a secret hash; a secret only on creation. */
final class TokenViews {
    private TokenViews() {}

    /** Times in epoch milliseconds; {@code -1} means none. Admin views add owner, creator, revocation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Info(
            @JsonProperty("token_id") String tokenId,
            @JsonProperty("comment") String comment,
            @JsonProperty("creation_time") long creationTime,
            @JsonProperty("expiry_time") long expiryTime,
            @JsonProperty("last_used_time") long lastUsedTime,
            @JsonProperty("owner_id") Long ownerId,
            @JsonProperty("owner") String owner,
            @JsonProperty("created_by_id") Long createdById,
            @JsonProperty("created_by_username") String createdByUsername,
            @JsonProperty("revoked") Boolean revoked) {}

    record Created(@JsonProperty("token_value") String tokenValue, @JsonProperty("token_info") Info tokenInfo) {
        @Override
        public String toString() {
            return "Created[" + tokenInfo.tokenId() + "]"; // keeps the secret out of logs
        }
    }

    record Infos(@JsonProperty("token_infos") List<Info> tokenInfos) {}

    record One(@JsonProperty("token_info") Info tokenInfo) {}

    static Info own(TokenRecord t) {
        return new Info(t.id(), t.comment(), t.createdAt().toEpochMilli(), millis(t.expiresAt()), millis(t.lastUsedAt()),
                null, null, null, null, null);
    }

    /** The admin view; {@code names} resolves principal ids (owner and creator) to names. */
    static Info admin(TokenRecord t, LongFunction<String> names) {
        return new Info(t.id(), t.comment(), t.createdAt().toEpochMilli(), millis(t.expiresAt()), millis(t.lastUsedAt()),
                t.principalId(), names.apply(t.principalId()), t.createdBy(), names.apply(t.createdBy()), t.revoked());
    }

    static LongFunction<String> namesOf(List<PrincipalRecord> principals) {
        Map<Long, String> byId = new HashMap<>();
        principals.forEach(p -> byId.put(p.id(), p.name()));
        return byId::get;
    }

    /** {@code lifetime_seconds}: absent, null or -1 for no expiry, else a positive number of seconds. */
    static Optional<Duration> lifetime(JsonNode body) {
        Optional<Long> seconds = Bodies.integer(body, "lifetime_seconds");
        if (seconds.isEmpty() || seconds.get() == -1) {
            return Optional.empty();
        }
        if (seconds.get() <= 0) {
            throw GovernanceErrors.invalid("lifetime_seconds must be positive (got " + seconds.get()
                    + "); omit it for a token that does not expire");
        }
        return Optional.of(Duration.ofSeconds(seconds.get()));
    }

    private static long millis(Optional<Instant> instant) {
        return instant.map(Instant::toEpochMilli).orElse(-1L);
    }
}
