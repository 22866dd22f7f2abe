package dev.lakegate.server.store;

import dev.lakegate.server.governance.PrincipalType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/** {@link PrincipalStore} in portable SQL. */
final class SqlPrincipalStore implements PrincipalStore {
    /** Aliased so that a join with tokens (which also has id and created_at) stays unambiguous. */
    static final String COLUMNS = "p.id AS p_id, p.type AS p_type, p.name AS p_name, p.display_name AS p_display_name,"
            + " p.email AS p_email, p.is_admin AS p_is_admin, p.active AS p_active, p.created_at AS p_created_at";

    private final Db db;

    SqlPrincipalStore(Db db) {
        this.db = db;
    }

    @Override
    public void insert(PrincipalRecord p) {
        db.write(h -> {
            requireFreeName(h, p);
            return bindAll(h.createUpdate("""
                    INSERT INTO principals (id, type, name, display_name, email, is_admin, active, created_at, updated_at)
                    VALUES (:id, :type, :name, :displayName, :email, :admin, :active, :createdAt, :createdAt)"""), p)
                    .execute();
        });
    }

    @Override
    public boolean update(PrincipalRecord p) {
        return db.write(h -> {
            requireFreeName(h, p);
            return bindAll(h.createUpdate("""
                    UPDATE principals SET name = :name, display_name = :displayName, email = :email,
                        is_admin = :admin, active = :active, updated_at = :now
                    WHERE id = :id"""), p)
                    .bind("now", System.currentTimeMillis())
                    .execute() == 1;
        });
    }

    @Override
    public Optional<PrincipalRecord> findById(long id) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM principals p WHERE p.id = :id")
                .bind("id", id)
                .map(SqlPrincipalStore::map)
                .findOne());
    }

    @Override
    public Optional<PrincipalRecord> findByName(String name) {
        return db.read(h -> byName(h, name));
    }

    @Override
    public List<PrincipalRecord> list(PrincipalType type) {
        String where = type == null ? "" : " WHERE p.type = :type";
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM principals p" + where + " ORDER BY LOWER(p.name)")
                .bind("type", type == null ? null : type.name())
                .map(SqlPrincipalStore::map)
                .list());
    }

    @Override
    public List<PrincipalRecord> activeAdmins() {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM principals p WHERE p.is_admin = :yes AND p.active = :yes ORDER BY p.created_at, p.id")
                .bind("yes", true)
                .map(SqlPrincipalStore::map)
                .list());
    }

    static Optional<PrincipalRecord> byName(Handle h, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM principals p WHERE LOWER(p.name) = LOWER(:name)")
                .bind("name", name)
                .map(SqlPrincipalStore::map)
                .findOne();
    }

    /**
     * Checked inside the write transaction, so the unique index is only the last line of defence; group
     * names count too, since catalog grants name principals and groups alike.
     */
    private static void requireFreeName(Handle h, PrincipalRecord p) {
        Optional<PrincipalRecord> holder = byName(h, p.name());
        if (holder.isPresent() && holder.get().id() != p.id() || SqlGroupStore.byName(h, p.name()).isPresent()) {
            throw new DuplicateNameException(p.name());
        }
    }

    private static Update bindAll(Update update, PrincipalRecord p) {
        return update.bind("id", p.id())
                .bind("type", p.type().name())
                .bind("name", p.name())
                .bind("displayName", p.displayName())
                .bind("email", p.email())
                .bind("admin", p.admin())
                .bind("active", p.active())
                .bind("createdAt", p.createdAt().toEpochMilli());
    }

    static PrincipalRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PrincipalRecord(
                rs.getLong("p_id"),
                PrincipalType.valueOf(rs.getString("p_type")),
                rs.getString("p_name"),
                rs.getString("p_display_name"),
                rs.getString("p_email"),
                rs.getBoolean("p_is_admin"),
                rs.getBoolean("p_active"),
                Instant.ofEpochMilli(rs.getLong("p_created_at")));
    }
}
