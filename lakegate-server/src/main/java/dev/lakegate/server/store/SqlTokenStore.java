package dev.lakegate.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link TokenStore} in portable SQL. */
final class SqlTokenStore implements TokenStore {
    private static final String COLUMNS =
            "t.id, t.principal_id, t.secret_hash, t.comment, t.created_by, t.created_at, t.expires_at, t.last_used_at, t.revoked_at";

    private final Db db;

    SqlTokenStore(Db db) {
        this.db = db;
    }

    @Override
    public void insert(TokenRecord t) {
        db.write(h -> h.createUpdate("""
                        INSERT INTO tokens (id, principal_id, secret_hash, comment, created_by, created_at, expires_at, last_used_at, revoked_at)
                        VALUES (:id, :principalId, :hash, :comment, :createdBy, :createdAt, :expiresAt, :lastUsedAt, :revokedAt)""")
                .bind("id", t.id())
                .bind("principalId", t.principalId())
                .bind("hash", t.secretHash())
                .bind("comment", t.comment())
                .bind("createdBy", t.createdBy())
                .bind("createdAt", t.createdAt().toEpochMilli())
                .bind("expiresAt", millis(t.expiresAt()))
                .bind("lastUsedAt", millis(t.lastUsedAt()))
                .bind("revokedAt", millis(t.revokedAt()))
                .execute());
    }

    @Override
    public Optional<TokenRecord> findById(String id) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM tokens t WHERE t.id = :id")
                .bind("id", id)
                .map(SqlTokenStore::map)
                .findOne());
    }

    @Override
    public Optional<Credential> findCredential(String secretHash) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + ", " + SqlPrincipalStore.COLUMNS
                        + " FROM tokens t JOIN principals p ON p.id = t.principal_id WHERE t.secret_hash = :hash")
                .bind("hash", secretHash)
                .map((rs, ctx) -> Map.entry(map(rs, ctx), SqlPrincipalStore.map(rs, ctx)))
                .findOne()
                .map(found -> new Credential(found.getKey(), found.getValue(),
                        SqlGroupStore.groupsOf(h, found.getValue().id()).stream().map(GroupRecord::name).toList())));
    }

    @Override
    public List<TokenRecord> list(Optional<Long> ownerId) {
        String where = ownerId.isPresent() ? " WHERE t.principal_id = :owner" : "";
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM tokens t" + where + " ORDER BY t.created_at, t.id")
                .bind("owner", ownerId.orElse(null))
                .map(SqlTokenStore::map)
                .list());
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return db.write(h -> h.createUpdate("UPDATE tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id)
                .bind("at", at.toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public int revokeAllOf(long principalId, Instant at) {
        return db.write(h -> h.createUpdate("UPDATE tokens SET revoked_at = :at WHERE principal_id = :owner AND revoked_at IS NULL")
                .bind("owner", principalId)
                .bind("at", at.toEpochMilli())
                .execute());
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsedByTokenId) {
        if (lastUsedByTokenId.isEmpty()) {
            return;
        }
        db.writeQuietly(h -> {
            PreparedBatch batch = h.prepareBatch(
                    "UPDATE tokens SET last_used_at = :at WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)");
            lastUsedByTokenId.forEach((id, at) -> batch.bind("id", id).bind("at", at.toEpochMilli()).add());
            return batch.execute();
        });
    }

    private static Long millis(Optional<Instant> instant) {
        return instant.map(Instant::toEpochMilli).orElse(null);
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }

    private static TokenRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TokenRecord(
                rs.getString("id"),
                rs.getLong("principal_id"),
                rs.getString("secret_hash"),
                rs.getString("comment"),
                rs.getLong("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                instant(rs, "expires_at"),
                instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }
}
