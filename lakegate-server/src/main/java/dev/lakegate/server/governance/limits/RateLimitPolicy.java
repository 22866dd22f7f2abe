package dev.lakegate.server.governance.limits;

import dev.lakegate.server.governance.PrincipalType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An endpoint's {@code rate_limits}, validated and compiled once into the buckets each kind of caller
 * meets, so that resolving a request is a few map lookups (SPEC §3, the managed product's rules):
 * <ul>
 *   <li>the endpoint's limits always apply, whoever calls (a ceiling for everyone together);
 *   <li>then the caller's own custom limit ({@code user} or {@code service_principal} with its name), which
 *       beats its groups' limits;
 *   <li>else the limits of the caller's groups that have one: each is shared by all its members, and in each
 *       dimension a member is refused only when every one of those groups' limits is exhausted;
 *   <li>else the default per-user limit ({@code user} without a principal), a bucket of the caller's own.
 *       Service principals count as users here: without it they would escape every per-caller limit.
 * </ul>
 * A subject with both {@code calls} and {@code tokens} must have room in both: the stricter wins.
 */
public final class RateLimitPolicy {
    /** Limits of the managed product, kept so that a policy written for one works on the other. */
    private static final int MAX_LIMITS = 20;
    private static final int MAX_GROUP_LIMITS = 5;
    /** Bumped when the bucket model changes, so that no store keeps state written under another one. */
    private static final String KEY_VERSION = "v1";

    public static final RateLimitPolicy NONE = new RateLimitPolicy(null, SubjectLimits.NONE, null, Map.of(), Map.of(), Map.of());

    /** A subject's buckets; either may be null (no limit in that dimension). */
    private record SubjectLimits(BucketSpec requests, BucketSpec tokens) {
        static final SubjectLimits NONE = new SubjectLimits(null, null);

        BucketSpec bucket(Dimension d) {
            return switch (d) {
                case REQUESTS -> requests;
                case TOKENS -> tokens;
            };
        }
    }

    /** The default per-user limit, whose buckets are keyed by the caller and so made per request. */
    private record DefaultLimit(String endpoint, RateLimit limit, String requestsHash, String tokensHash) {
        SubjectLimits forCaller(String name, PrincipalType type) {
            String kind = type.name().toLowerCase(Locale.ROOT);
            return subject(limit, "the per-user default of endpoint " + endpoint,
                    d -> key(endpoint, kind, name, d, d == Dimension.REQUESTS ? requestsHash : tokensHash));
        }
    }

    private final String endpoint;
    private final SubjectLimits endpointLimits;
    private final DefaultLimit defaultUser;
    private final Map<String, SubjectLimits> users;
    private final Map<String, SubjectLimits> servicePrincipals;
    /** In configuration order: a member of several groups draws on the first with room. */
    private final Map<String, SubjectLimits> groups;

    private RateLimitPolicy(String endpoint, SubjectLimits endpointLimits, DefaultLimit defaultUser, Map<String, SubjectLimits> users,
            Map<String, SubjectLimits> servicePrincipals, Map<String, SubjectLimits> groups) {
        this.endpoint = endpoint;
        this.endpointLimits = endpointLimits;
        this.defaultUser = defaultUser;
        this.users = users;
        this.servicePrincipals = servicePrincipals;
        this.groups = groups;
    }

    /**
     * Validates and compiles one endpoint's limits.
     *
     * @throws IllegalArgumentException naming the entry and what to change
     */
    public static RateLimitPolicy compile(String endpoint, List<RateLimit> limits) {
        if (limits.isEmpty()) {
            return NONE;
        }
        if (limits.size() > MAX_LIMITS) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' has " + limits.size() + " rate limits; at most " + MAX_LIMITS
                    + " are allowed");
        }
        SubjectLimits endpointLimits = SubjectLimits.NONE;
        DefaultLimit defaultUser = null;
        Map<String, SubjectLimits> users = new HashMap<>();
        Map<String, SubjectLimits> servicePrincipals = new HashMap<>();
        Map<String, SubjectLimits> groups = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < limits.size(); i++) {
            RateLimit limit = limits.get(i);
            String where = "endpoint '" + endpoint + "' rate_limits[" + i + "]";
            validate(limit, where);
            String principal = limit.principal();
            String subject = principal != null ? limit.key().id() + " " + principal
                    : limit.key() == RateLimit.Key.USER ? "user (the default per-user limit)" : limit.key().id();
            if (!seen.add(subject)) {
                throw new IllegalArgumentException(where + ": a second limit for " + subject + "; give each subject one entry with both"
                        + " calls and tokens");
            }
            switch (limit.key()) {
                case ENDPOINT -> endpointLimits = named(endpoint, limit, "-", "endpoint " + endpoint);
                case USER -> {
                    if (principal == null) {
                        defaultUser = new DefaultLimit(endpoint, limit, hash(limit, Dimension.REQUESTS), hash(limit, Dimension.TOKENS));
                    } else {
                        users.put(principal, named(endpoint, limit, principal, "user " + principal + " on endpoint " + endpoint));
                    }
                }
                case SERVICE_PRINCIPAL -> servicePrincipals.put(principal, named(endpoint, limit, principal,
                        "service principal " + principal + " on endpoint " + endpoint));
                case USER_GROUP -> groups.put(principal, named(endpoint, limit, principal, "group " + principal + " on endpoint " + endpoint));
            }
        }
        if (groups.size() > MAX_GROUP_LIMITS) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' has " + groups.size() + " group rate limits; at most "
                    + MAX_GROUP_LIMITS + " are allowed");
        }
        return new RateLimitPolicy(endpoint, endpointLimits, defaultUser, Map.copyOf(users), Map.copyOf(servicePrincipals),
                Collections.unmodifiableMap(groups));
    }

    private static void validate(RateLimit limit, String where) {
        if (limit.key() == null) {
            throw new IllegalArgumentException(where + ": key is required (endpoint, user, user_group or service_principal)");
        }
        if (limit.calls() == null && limit.tokens() == null) {
            throw new IllegalArgumentException(where + ": set calls (requests per minute), tokens (tokens per minute) or both");
        }
        if (limit.calls() != null && limit.calls() <= 0 || limit.tokens() != null && limit.tokens() <= 0) {
            throw new IllegalArgumentException(where + ": calls and tokens must be positive; leave one out for no limit in it");
        }
        boolean named = limit.principal() != null;
        if (named && limit.principal().isBlank()) {
            throw new IllegalArgumentException(where + ": principal is blank; name a " + limit.key().id() + " or leave principal out");
        }
        switch (limit.key()) {
            case ENDPOINT -> {
                if (named) {
                    throw new IllegalArgumentException(where + ": an endpoint limit takes no principal");
                }
            }
            case USER_GROUP, SERVICE_PRINCIPAL -> {
                if (!named) {
                    throw new IllegalArgumentException(where + ": a " + limit.key().id() + " limit needs principal: the "
                            + (limit.key() == RateLimit.Key.USER_GROUP ? "group" : "service principal") + "'s name");
                }
            }
            case USER -> { } // without a principal: the default per-user limit
        }
    }

    /** The buckets of a subject named in the policy (the endpoint itself, a user, a service principal, a group). */
    private static SubjectLimits named(String endpoint, RateLimit limit, String name, String owner) {
        return subject(limit, owner, d -> key(endpoint, limit.key().id(), name, d, hash(limit, d)));
    }

    private static SubjectLimits subject(RateLimit limit, String owner, Function<Dimension, String> key) {
        return new SubjectLimits(
                limit.calls() == null ? null : new BucketSpec(key.apply(Dimension.REQUESTS), Dimension.REQUESTS, limit.calls(),
                        limit.renewalPeriod(), owner),
                limit.tokens() == null ? null : new BucketSpec(key.apply(Dimension.TOKENS), Dimension.TOKENS, limit.tokens(),
                        limit.renewalPeriod(), owner));
    }

    /** True when the endpoint has no limits: requests to it touch no bucket. */
    public boolean isEmpty() {
        return this == NONE;
    }

    /**
     * The limits a request by this caller must pass: token limits first (they are only checked, so a refusal
     * there leaves nothing to give back), then request limits; the endpoint's before the caller's in each.
     *
     * @param groups the names of the caller's groups; only those with a limit here count
     */
    public List<Requirement> requirements(String callerName, PrincipalType type, Set<String> groups) {
        SubjectLimits own = (type == PrincipalType.SERVICE_PRINCIPAL ? servicePrincipals : users).get(callerName);
        List<SubjectLimits> limitedGroups = own != null || groups.isEmpty() ? List.of() : limitedGroups(groups);
        if (own == null && limitedGroups.isEmpty() && defaultUser != null) {
            own = defaultUser.forCaller(callerName, type);
        }
        List<Requirement> out = new ArrayList<>(4);
        for (Dimension d : new Dimension[] {Dimension.TOKENS, Dimension.REQUESTS}) {
            BucketSpec ceiling = endpointLimits.bucket(d);
            if (ceiling != null) {
                out.add(Requirement.of(ceiling));
            }
            if (own != null) {
                BucketSpec b = own.bucket(d);
                if (b != null) {
                    out.add(Requirement.of(b));
                }
            } else if (!limitedGroups.isEmpty()) {
                List<BucketSpec> anyOf = limitedGroups.stream().map(g -> g.bucket(d)).filter(b -> b != null).toList();
                if (!anyOf.isEmpty()) {
                    out.add(new Requirement(d, anyOf));
                }
            }
        }
        return out;
    }

    private List<SubjectLimits> limitedGroups(Set<String> names) {
        List<SubjectLimits> out = new ArrayList<>(2);
        groups.forEach((name, limits) -> {
            if (names.contains(name)) {
                out.add(limits);
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return isEmpty() ? "RateLimitPolicy[none]" : "RateLimitPolicy[" + endpoint + "]";
    }

    /** {@code lakegate:rl:<endpoint>:<kind>:<name>:<dimension>:<definition hash>}, names escaped so no ':' inside is ambiguous. */
    static String key(String endpoint, String kind, String name, Dimension d, String definitionHash) {
        return "lakegate:rl:" + escape(endpoint) + ":" + kind + ":" + escape(name) + ":" + d.id() + ":" + definitionHash;
    }

    private static String escape(String name) {
        return name.indexOf(':') < 0 && name.indexOf('%') < 0 ? name : name.replace("%", "%25").replace(":", "%3A");
    }

    /** Eight hex digits of the limit's definition in one dimension: a changed amount or period means a new bucket. */
    private static String hash(RateLimit limit, Dimension d) {
        String definition = String.join("\n", KEY_VERSION, limit.key().id(), limit.principal() == null ? "" : limit.principal(), d.id(),
                String.valueOf(d == Dimension.REQUESTS ? limit.calls() : limit.tokens()), limit.renewalPeriod().id());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
