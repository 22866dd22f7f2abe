package dev.lakegate.server.governance;

import dev.lakegate.server.store.ChangeFeed;
import dev.lakegate.server.store.ControlPlane;
import dev.lakegate.server.store.GroupRecord;
import dev.lakegate.server.store.PrincipalRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Identity and access for one gateway process, built on a control-plane store: the authenticator
 * for the request pipeline, endpoint permissions and ai-gateway settings, and the services behind
 * the admin API. Its {@link ChangeFeed} drops the caches when any gateway changes the control plane.
 * Closing it stops the feed and writes pending last-used times; the store is closed by whoever opened it.
 */
public final class Governance implements AutoCloseable {
    private final ControlPlane store;
    private final Clock clock;
    private final ChangeFeed changes;
    private final TokenAuthenticator authenticator;
    private final PrincipalService principals;
    private final TokenService tokens;
    private final GroupService groups;
    private final EndpointPermissions permissions;
    private final AiGatewaySettings aiGateway;

    private Governance(ControlPlane store, Clock clock, TokenAuthenticator.Settings settings, Duration changePoll) {
        this.store = store;
        this.clock = clock;
        this.changes = ChangeFeed.start(store, changePoll);
        this.authenticator = new TokenAuthenticator(store.tokens(), clock, settings);
        // Tokens carry their owner, its flags and its groups: any change may alter what a cached caller may do.
        changes.subscribe(authenticator::invalidateAll);
        this.principals = new PrincipalService(store, authenticator, clock);
        this.tokens = new TokenService(store, authenticator, clock);
        this.groups = new GroupService(store, changes, clock);
        this.permissions = new EndpointPermissions(store, changes, clock);
        this.aiGateway = new AiGatewaySettings(store, changes, clock);
    }

    /** @param changePoll how often to look for changes made by other gateways ({@code database.change_poll_ms}) */
    public static Governance create(ControlPlane store, Duration changePoll) {
        return new Governance(store, Clock.systemUTC(), TokenAuthenticator.Settings.defaults(), changePoll);
    }

    /** Without polling: changes of other processes are seen when the token cache expires or {@link #changes()} is checked. */
    public static Governance create(ControlPlane store, Clock clock, TokenAuthenticator.Settings settings) {
        return new Governance(store, clock, settings, Duration.ZERO);
    }

    /**
     * Ensures an admin exists; see {@link Bootstrap}. Print {@code generatedSecret} once when present.
     *
     * @param suppliedAdminToken the value of {@code LAKEGATE_ADMIN_TOKEN}, if set
     * @throws IllegalArgumentException when the supplied token is unusable (the message says why)
     */
    public Bootstrap.Result bootstrap(Optional<String> suppliedAdminToken) {
        Bootstrap.Result result = Bootstrap.run(store, clock, suppliedAdminToken);
        authenticator.invalidateAll(); // forget any negative answer for the secret just stored
        return result;
    }

    public TokenAuthenticator authenticator() {
        return authenticator;
    }

    public PrincipalService principals() {
        return principals;
    }

    public TokenService tokens() {
        return tokens;
    }

    public GroupService groups() {
        return groups;
    }

    public EndpointPermissions permissions() {
        return permissions;
    }

    /** Endpoint ai-gateway settings set through the API. */
    public AiGatewaySettings aiGateway() {
        return aiGateway;
    }

    /** Control-plane changes of every gateway; caches elsewhere (limits, endpoint settings) subscribe here. */
    public ChangeFeed changes() {
        return changes;
    }

    /**
     * The stored spelling of a user, service principal or group, given any case of its name; empty when
     * none has it. Catalog grants record grantees this way, so they match what callers carry.
     */
    public Optional<String> granteeName(String name) {
        return principals.findByName(name).map(PrincipalRecord::name).or(() -> groups.findByName(name).map(GroupRecord::name));
    }

    /**
     * A principal as the owner of the views it created: its privileges and its groups' apply when they
     * are read (definer rights); empty when no principal has this name.
     */
    public Optional<Caller> asOwner(String name) {
        return principals.findByName(name).map(p -> new Caller(p.principal(), null,
                groups.groupsOf(p).stream().map(GroupRecord::name).collect(Collectors.toSet())));
    }

    @Override
    public void close() {
        changes.close();
        authenticator.close();
    }
}
