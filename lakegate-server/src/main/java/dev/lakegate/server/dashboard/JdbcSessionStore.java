package dev.lakegate.server.dashboard;

import dev.lakegate.server.store.StoreDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link SessionStore} in the control-plane database (SQLite or PostgreSQL, migration V7). Each call is one
 * autocommitted statement on {@link StoreDatabase#counters()}: sessions are no control-plane change (no cache
 * elsewhere depends on them), so they neither queue behind nor bump the serialised control-plane writes.
 */
public final class JdbcSessionStore implements SessionStore {
    private final Jdbi jdbi;

    public JdbcSessionStore(StoreDatabase database) {
        this.jdbi = database.counters();
    }

    @Override
    public void insert(Session s) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO dashboard_sessions (id_hash, principal_id, token_id, csrf, created_at, last_seen_at, expires_at)
                        VALUES (:idHash, :principalId, :tokenId, :csrf, :createdAt, :lastSeenAt, :expiresAt)""")
                .bind("idHash", s.idHash())
                .bind("principalId", s.principalId())
                .bind("tokenId", s.tokenId())
                .bind("csrf", s.csrf())
                .bind("createdAt", s.createdAt().toEpochMilli())
                .bind("lastSeenAt", s.lastSeenAt().toEpochMilli())
                .bind("expiresAt", s.expiresAt().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<Session> find(String idHash) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id_hash, principal_id, token_id, csrf, created_at, last_seen_at, expires_at
                        FROM dashboard_sessions WHERE id_hash = :idHash""")
                .bind("idHash", idHash)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public void touch(String idHash, Instant lastSeenAt) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE dashboard_sessions SET last_seen_at = :at WHERE id_hash = :idHash AND last_seen_at < :at")
                .bind("idHash", idHash)
                .bind("at", lastSeenAt.toEpochMilli())
                .execute());
    }

    @Override
    public boolean delete(String idHash) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM dashboard_sessions WHERE id_hash = :idHash").bind("idHash", idHash).execute()) == 1;
    }

    @Override
    public int purge(Instant now, Instant idleBefore) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM dashboard_sessions WHERE expires_at <= :now OR last_seen_at <= :idleBefore")
                .bind("now", now.toEpochMilli())
                .bind("idleBefore", idleBefore.toEpochMilli())
                .execute());
    }

    private static Session map(ResultSet rs) throws SQLException {
        return new Session(rs.getString("id_hash"), rs.getLong("principal_id"), rs.getString("token_id"), rs.getString("csrf"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("last_seen_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")));
    }
}
