package dev.lakegate.server.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups and their stored members (users and service principals; no nested groups). Group names
 * are unique ignoring case, also against principal names. The built-in {@code users} group is a row
 * without member rows: its membership is implied, which is governance's rule, not the store's.
 */
public interface GroupStore {

    /** Inserts a new group; the caller chooses the id. */
    void insert(GroupRecord group) throws DuplicateNameException;

    Optional<GroupRecord> findById(long id);

    Optional<GroupRecord> findByName(String name);

    /** Every group, {@code users} included, by name. */
    List<GroupRecord> list();

    /**
     * Deletes the group with its memberships, endpoint permissions and catalog grants, so that a later
     * group of the same name starts with nothing; false when there is no such group.
     */
    boolean delete(long id);

    /** Adds and removes members in one transaction; adding a member twice or removing a non-member changes nothing. */
    void changeMembers(long groupId, Collection<Long> add, Collection<Long> remove, Instant at);

    /** The stored members of a group, by name. */
    List<PrincipalRecord> members(long groupId);

    /** The groups a principal is a stored member of, by name. */
    List<GroupRecord> groupsOf(long principalId);

    /** Every stored membership at once: principal id → its groups by name (for listing principals). */
    Map<Long, List<GroupRecord>> memberships();
}
