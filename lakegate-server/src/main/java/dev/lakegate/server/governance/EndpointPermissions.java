package dev.lakegate.server.governance;

import dev.lakegate.server.store.AclEntry;
import dev.lakegate.server.store.ChangeFeed;
import dev.lakegate.server.store.ControlPlane;
import dev.lakegate.server.store.GroupRecord;
import dev.lakegate.server.store.PrincipalRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * CAN_QUERY and CAN_MANAGE on serving endpoints. Checks answer from memory: the ACLs set through the
 * API are an {@link EndpointOverlay}, reloaded whenever the {@link ChangeFeed} reports a change (made here
 * or on another gateway); an endpoint without one uses its configured ACL. Admins hold everything.
 */
public final class EndpointPermissions {
    private final ControlPlane store;
    private final ChangeFeed changes;
    private final Clock clock;
    private final EndpointOverlay<List<AccessControl>> stored;

    EndpointPermissions(ControlPlane store, ChangeFeed changes, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.clock = clock;
        this.stored = new EndpointOverlay<>(store.endpointAcls()::all, changes);
    }

    public EndpointAcl acl(GovernedEndpoint endpoint) {
        return new EndpointAcl(endpoint.name(), stored.source(endpoint.name()), stored.get(endpoint.name(), endpoint.permissions()));
    }

    /** Whether {@code caller} holds {@code level} on the endpoint: as an admin, itself, or through a group ({@code users} included). */
    public boolean may(Caller caller, GovernedEndpoint endpoint, PermissionLevel level) {
        if (caller.principal().admin()) {
            return true;
        }
        for (AccessControl entry : stored.get(endpoint.name(), endpoint.permissions())) {
            if (entry.level().implies(level) && entry.names(caller)) {
                return true;
            }
        }
        return false;
    }

    /** Fails with 403, naming the endpoint, the missing level and how to get it. */
    public void require(Caller caller, GovernedEndpoint endpoint, PermissionLevel level) {
        if (!may(caller, endpoint, level)) {
            Principal p = caller.principal();
            String option = switch (p.type()) {
                case USER -> "--user ";
                case SERVICE_PRINCIPAL -> "--service-principal ";
            };
            throw GovernanceErrors.forbidden("'" + p.name() + "' does not have " + level + " on endpoint '" + endpoint.name()
                    + "'; an admin or a holder of CAN_MANAGE can grant it: lakegate permissions add " + endpoint.name() + " "
                    + option + p.name() + (level == PermissionLevel.CAN_QUERY ? "" : "=" + level));
        }
    }

    /** Sets the endpoint's ACL to exactly {@code entries}; from now on its configured ACL no longer applies. */
    public EndpointAcl replace(GovernedEndpoint endpoint, List<AccessControl> entries) {
        store.endpointAcls().replace(endpoint.name(), entries.stream().map(this::resolve).toList(), clock.instant());
        changes.check();
        return acl(endpoint);
    }

    /**
     * Adds entries to the ACL in force: an endpoint still on its configured ACL starts from it (its entries
     * that name existing grantees), so adding one grant never takes away the others.
     */
    public EndpointAcl add(GovernedEndpoint endpoint, List<AccessControl> entries) {
        List<AclEntry> configured = endpoint.permissions().stream().map(this::find).flatMap(Optional::stream).toList();
        store.endpointAcls().add(endpoint.name(), configured, entries.stream().map(this::resolve).toList(), clock.instant());
        changes.check();
        return acl(endpoint);
    }

    private AclEntry resolve(AccessControl entry) {
        return find(entry).orElseThrow(() -> GovernanceErrors.invalid("no " + entry.kind().label() + " named '" + entry.name() + "' ("
                + entry.kind().field() + "): create it first, or check the spelling"));
    }

    private Optional<AclEntry> find(AccessControl entry) {
        Optional<Long> id = switch (entry.kind()) {
            case USER, SERVICE_PRINCIPAL -> store.principals().findByName(entry.name())
                    .filter(p -> GranteeKind.of(p.type()) == entry.kind()).map(PrincipalRecord::id);
            case GROUP -> store.groups().findByName(entry.name()).map(GroupRecord::id);
        };
        return id.map(i -> new AclEntry(entry.kind(), i, entry.level()));
    }
}
