package dev.lakegate.server.governance;

import dev.lakegate.server.store.ChangeFeed;
import dev.lakegate.server.store.ControlPlane;
import dev.lakegate.server.store.DuplicateNameException;
import dev.lakegate.server.store.GroupRecord;
import dev.lakegate.server.store.PrincipalRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Groups of users and service principals (no nested groups). The built-in group {@code users} holds
 * every active principal implicitly: it cannot be deleted and its members cannot be changed.
 * Membership changes reach every gateway's token cache through the {@link ChangeFeed}.
 */
public final class GroupService {
    public static final String USERS = GroupRecord.USERS;
    /** The stored row of {@code users} (migration V4). */
    private static final GroupRecord USERS_GROUP = new GroupRecord(GroupRecord.USERS_ID, USERS, Instant.EPOCH);
    private static final String ONE_NAMESPACE = "users, service principals and groups share one namespace (a catalog grant"
            + " names any of them), so choose another name";
    private static final Comparator<GroupRecord> BY_NAME = Comparator.comparing(GroupRecord::name, String.CASE_INSENSITIVE_ORDER);

    private final ControlPlane store;
    private final ChangeFeed changes;
    private final Clock clock;

    GroupService(ControlPlane store, ChangeFeed changes, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.clock = clock;
    }

    /** Creates a group with its first members (principal ids). */
    public GroupRecord create(String name, Collection<Long> members) {
        String checked = Names.name(name, "displayName", "ml-team");
        requirePrincipals(members);
        GroupRecord group = new GroupRecord(freshId(), checked, clock.instant());
        try {
            store.groups().insert(group);
        } catch (DuplicateNameException e) {
            throw store.groups().findByName(name).isPresent()
                    ? GovernanceErrors.conflict("a group named '" + name + "' already exists: choose another name, or add members to it")
                    : GovernanceErrors.conflict("a user or service principal named '" + name + "' already exists: " + ONE_NAMESPACE);
        }
        if (!members.isEmpty()) {
            changeMembers(group, members, List.of());
        }
        return group;
    }

    public Optional<GroupRecord> find(long id) {
        return store.groups().findById(id);
    }

    public Optional<GroupRecord> findByName(String name) {
        return store.groups().findByName(name);
    }

    /** Every group, {@code users} included, by name. */
    public List<GroupRecord> list() {
        return store.groups().list();
    }

    /** The members by name; for {@code users}, every active principal. */
    public List<PrincipalRecord> members(GroupRecord group) {
        return group.builtIn() ? store.principals().list(null).stream().filter(PrincipalRecord::active).toList()
                : store.groups().members(group.id());
    }

    /** A principal's groups by name, {@code users} included when it is active. */
    public List<GroupRecord> groupsOf(PrincipalRecord principal) {
        return withUsers(principal, store.groups().groupsOf(principal.id()));
    }

    /** {@link #groupsOf} for many principals at the cost of one read (listing principals). */
    public Function<PrincipalRecord, List<GroupRecord>> groupsOfAll() {
        Map<Long, List<GroupRecord>> memberships = store.groups().memberships();
        return p -> withUsers(p, memberships.getOrDefault(p.id(), List.of()));
    }

    /**
     * Adds and removes members (principal ids) in one change; adding a member twice or removing a
     * non-member is no error, as in SCIM.
     */
    public void changeMembers(GroupRecord group, Collection<Long> add, Collection<Long> remove) {
        if (group.builtIn()) {
            throw GovernanceErrors.invalid("every active user and service principal is a member of '" + USERS
                    + "' without being added: its members cannot be changed; create another group instead");
        }
        requirePrincipals(add);
        store.groups().changeMembers(group.id(), add, remove, clock.instant());
        changes.check();
    }

    /** Deletes a group with its memberships, endpoint permissions and catalog grants. */
    public void delete(GroupRecord group) {
        if (group.builtIn()) {
            throw GovernanceErrors.invalid("'" + USERS + "' is built in and cannot be deleted: to stop everyone from querying an endpoint,"
                    + " remove '" + USERS + "' from its permissions");
        }
        store.groups().delete(group.id());
        changes.check();
    }

    /** The groups a caller carries: its stored ones and {@code users}. */
    static Set<String> callerGroups(List<String> stored) {
        Set<String> names = new HashSet<>(stored);
        names.add(USERS);
        return names;
    }

    static RuntimeException takenByGroup(String name) {
        return GovernanceErrors.conflict("a group named '" + name + "' already exists: " + ONE_NAMESPACE);
    }

    private static List<GroupRecord> withUsers(PrincipalRecord principal, List<GroupRecord> stored) {
        if (!principal.active()) {
            return stored;
        }
        List<GroupRecord> all = new ArrayList<>(stored);
        all.add(USERS_GROUP);
        all.sort(BY_NAME);
        return List.copyOf(all);
    }

    private void requirePrincipals(Collection<Long> ids) {
        for (long id : ids) {
            if (store.principals().findById(id).isEmpty()) {
                throw GovernanceErrors.invalid("no user or service principal has id " + id
                        + ": members are users or service principals (no nested groups); list them to find the right id");
            }
        }
    }

    private long freshId() {
        long id;
        do {
            id = TokenSecrets.newPrincipalId();
        } while (store.groups().findById(id).isPresent());
        return id;
    }
}
