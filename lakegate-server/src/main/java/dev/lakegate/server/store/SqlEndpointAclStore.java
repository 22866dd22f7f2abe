package dev.lakegate.server.store;

import dev.lakegate.server.governance.AccessControl;
import dev.lakegate.server.governance.GranteeKind;
import dev.lakegate.server.governance.PermissionLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link EndpointAclStore} in portable SQL; grantees are stored by id and named by a join when read. */
final class SqlEndpointAclStore implements EndpointAclStore {
    private final Db db;

    SqlEndpointAclStore(Db db) {
        this.db = db;
    }

    @Override
    public Map<String, List<AccessControl>> all() {
        return db.read(h -> {
            Map<String, List<AccessControl>> acls = new HashMap<>();
            h.createQuery("SELECT endpoint FROM endpoint_acls").mapTo(String.class)
                    .forEach(endpoint -> acls.put(endpoint, new ArrayList<>()));
            h.createQuery("""
                            SELECT e.endpoint, e.grantee_type, e.permission_level, COALESCE(p.name, g.name) AS grantee_name
                            FROM endpoint_acl_entries e
                            LEFT JOIN principals p ON e.grantee_type <> 'GROUP' AND p.id = e.grantee_id AND p.type = e.grantee_type
                            LEFT JOIN principal_groups g ON e.grantee_type = 'GROUP' AND g.id = e.grantee_id
                            WHERE COALESCE(p.name, g.name) IS NOT NULL
                            ORDER BY e.endpoint, e.grantee_type, LOWER(COALESCE(p.name, g.name)), e.permission_level""")
                    .map((rs, ctx) -> Map.entry(rs.getString("endpoint"), new AccessControl(GranteeKind.valueOf(rs.getString("grantee_type")),
                            rs.getString("grantee_name"), PermissionLevel.valueOf(rs.getString("permission_level")))))
                    .forEach(e -> acls.get(e.getKey()).add(e.getValue()));
            acls.replaceAll((endpoint, entries) -> List.copyOf(entries));
            return acls;
        });
    }

    @Override
    public void replace(String endpoint, Collection<AclEntry> entries, Instant at) {
        db.write(h -> {
            mark(h, endpoint, at);
            h.createUpdate("DELETE FROM endpoint_acl_entries WHERE endpoint = :endpoint").bind("endpoint", endpoint).execute();
            insert(h, endpoint, entries);
            return null;
        });
    }

    @Override
    public void add(String endpoint, Collection<AclEntry> whenUnset, Collection<AclEntry> entries, Instant at) {
        db.write(h -> {
            if (mark(h, endpoint, at)) {
                insert(h, endpoint, whenUnset);
            }
            insert(h, endpoint, entries);
            return null;
        });
    }

    /** Records that the endpoint's ACL is set; true when it was not before. */
    private static boolean mark(Handle h, String endpoint, Instant at) {
        boolean fresh = h.createUpdate("INSERT INTO endpoint_acls (endpoint, updated_at) VALUES (:endpoint, :at) ON CONFLICT DO NOTHING")
                .bind("endpoint", endpoint).bind("at", at.toEpochMilli()).execute() == 1;
        if (!fresh) {
            h.createUpdate("UPDATE endpoint_acls SET updated_at = :at WHERE endpoint = :endpoint")
                    .bind("endpoint", endpoint).bind("at", at.toEpochMilli()).execute();
        }
        return fresh;
    }

    private static void insert(Handle h, String endpoint, Collection<AclEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO endpoint_acl_entries (endpoint, grantee_type, grantee_id, permission_level)"
                + " VALUES (:endpoint, :type, :id, :level) ON CONFLICT DO NOTHING");
        entries.forEach(e -> batch.bind("endpoint", endpoint).bind("type", e.kind().name()).bind("id", e.granteeId())
                .bind("level", e.level().name()).add());
        batch.execute();
    }
}
