-- Dashboard sign-in sessions (docs/design/019): shared by every gateway on this database, so a replica behind
-- the same load balancer knows the cookie. Only the SHA-256 (hex) of the session id is stored, never the id nor
-- the token's secret; the token is re-checked on every request by its id. Times are epoch milliseconds.
CREATE TABLE dashboard_sessions (
    id_hash      VARCHAR(64) NOT NULL PRIMARY KEY,
    principal_id BIGINT      NOT NULL,
    token_id     VARCHAR(64) NOT NULL,
    csrf         VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    last_seen_at BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL
);

-- The hourly purge deletes by absolute expiry.
CREATE INDEX dashboard_sessions_expires_ix ON dashboard_sessions (expires_at);
