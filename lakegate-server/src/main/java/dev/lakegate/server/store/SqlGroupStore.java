package dev.lakegate.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link GroupStore} in portable SQL. */
final class SqlGroupStore implements GroupStore {
    private static final String COLUMNS = "g.id AS g_id, g.name AS g_name, g.created_at AS g_created_at";

    private final Db db;

    SqlGroupStore(Db db) {
        this.db = db;
    }

    @Override
    public void insert(GroupRecord g) {
        db.write(h -> {
            // Checked inside the write transaction: the unique index covers groups only, not principal names.
            if (byName(h, g.name()).isPresent() || SqlPrincipalStore.byName(h, g.name()).isPresent()) {
                throw new DuplicateNameException(g.name());
            }
            return h.createUpdate("INSERT INTO principal_groups (id, name, created_at) VALUES (:id, :name, :createdAt)")
                    .bind("id", g.id())
                    .bind("name", g.name())
                    .bind("createdAt", g.createdAt().toEpochMilli())
                    .execute();
        });
    }

    @Override
    public Optional<GroupRecord> findById(long id) {
        return db.read(h -> byId(h, id));
    }

    @Override
    public Optional<GroupRecord> findByName(String name) {
        return db.read(h -> byName(h, name));
    }

    @Override
    public List<GroupRecord> list() {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM principal_groups g ORDER BY LOWER(g.name)")
                .map(SqlGroupStore::map)
                .list());
    }

    @Override
    public boolean delete(long id) {
        return db.write(h -> {
            Optional<GroupRecord> group = byId(h, id);
            if (group.isEmpty()) {
                return false;
            }
            h.createUpdate("DELETE FROM group_members WHERE group_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM endpoint_acl_entries WHERE grantee_type = 'GROUP' AND grantee_id = :id").bind("id", id).execute();
            // Catalog grants name their grantee (in its stored spelling); a new group of this name must not inherit them.
            h.createUpdate("DELETE FROM grants WHERE principal = :name").bind("name", group.get().name()).execute();
            return h.createUpdate("DELETE FROM principal_groups WHERE id = :id").bind("id", id).execute() == 1;
        });
    }

    @Override
    public void changeMembers(long groupId, Collection<Long> add, Collection<Long> remove, Instant at) {
        db.write(h -> {
            if (!add.isEmpty()) {
                PreparedBatch batch = h.prepareBatch("INSERT INTO group_members (group_id, principal_id, created_at)"
                        + " VALUES (:group, :principal, :at) ON CONFLICT DO NOTHING");
                add.forEach(p -> batch.bind("group", groupId).bind("principal", p).bind("at", at.toEpochMilli()).add());
                batch.execute();
            }
            if (!remove.isEmpty()) {
                PreparedBatch batch = h.prepareBatch("DELETE FROM group_members WHERE group_id = :group AND principal_id = :principal");
                remove.forEach(p -> batch.bind("group", groupId).bind("principal", p).add());
                batch.execute();
            }
            return null;
        });
    }

    @Override
    public List<PrincipalRecord> members(long groupId) {
        return db.read(h -> h.createQuery("SELECT " + SqlPrincipalStore.COLUMNS
                        + " FROM group_members m JOIN principals p ON p.id = m.principal_id WHERE m.group_id = :group ORDER BY LOWER(p.name)")
                .bind("group", groupId)
                .map(SqlPrincipalStore::map)
                .list());
    }

    @Override
    public List<GroupRecord> groupsOf(long principalId) {
        return db.read(h -> groupsOf(h, principalId));
    }

    @Override
    public Map<Long, List<GroupRecord>> memberships() {
        return db.read(h -> {
            Map<Long, List<GroupRecord>> byPrincipal = new LinkedHashMap<>();
            h.createQuery("SELECT m.principal_id, " + COLUMNS
                            + " FROM group_members m JOIN principal_groups g ON g.id = m.group_id ORDER BY LOWER(g.name)")
                    .map((rs, ctx) -> Map.entry(rs.getLong("principal_id"), map(rs, ctx)))
                    .forEach(e -> byPrincipal.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            return byPrincipal;
        });
    }

    static List<GroupRecord> groupsOf(Handle h, long principalId) {
        return h.createQuery("SELECT " + COLUMNS
                        + " FROM group_members m JOIN principal_groups g ON g.id = m.group_id WHERE m.principal_id = :principal"
                        + " ORDER BY LOWER(g.name)")
                .bind("principal", principalId)
                .map(SqlGroupStore::map)
                .list();
    }

    private static Optional<GroupRecord> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM principal_groups g WHERE g.id = :id")
                .bind("id", id)
                .map(SqlGroupStore::map)
                .findOne();
    }

    static Optional<GroupRecord> byName(Handle h, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM principal_groups g WHERE LOWER(g.name) = LOWER(:name)")
                .bind("name", name)
                .map(SqlGroupStore::map)
                .findOne();
    }

    private static GroupRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new GroupRecord(rs.getLong("g_id"), rs.getString("g_name"), Instant.ofEpochMilli(rs.getLong("g_created_at")));
    }
}
