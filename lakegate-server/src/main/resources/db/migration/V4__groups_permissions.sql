-- Groups, endpoint permissions and the control-plane change version (docs/design/016).
-- Same conventions as V1: portable SQL for SQLite and PostgreSQL, application-chosen ids, times in
-- epoch milliseconds. Table names avoid GROUPS, a keyword in both databases.

-- Group names share one case-insensitive namespace with principal names (the stores check both
-- tables), so a catalog grantee such as `ml-team` always names one thing.
CREATE TABLE principal_groups (
    id         BIGINT       NOT NULL PRIMARY KEY,
    name       VARCHAR(255) NOT NULL,
    created_at BIGINT       NOT NULL
);

CREATE UNIQUE INDEX principal_groups_name_uk ON principal_groups (LOWER(name));

-- The built-in group: every active principal is implicitly a member, so it has no member rows.
INSERT INTO principal_groups (id, name, created_at) VALUES (1, 'users', 0);

CREATE TABLE group_members (
    group_id     BIGINT NOT NULL REFERENCES principal_groups (id),
    principal_id BIGINT NOT NULL REFERENCES principals (id),
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (group_id, principal_id)
);

CREATE INDEX group_members_principal_ix ON group_members (principal_id);

-- An endpoint has a row here once its ACL was set through the API; from then on its entries (none
-- at all included) replace the YAML permissions. Endpoint names are case-sensitive, as agents send them.
CREATE TABLE endpoint_acls (
    endpoint   VARCHAR(255) NOT NULL PRIMARY KEY,
    updated_at BIGINT       NOT NULL
);

-- grantee_id is a principal's id (USER, SERVICE_PRINCIPAL) or a group's (GROUP), so renames keep the
-- grant and a deleted group's entries go with it. Kinds and levels are checked by the application,
-- not by CHECK constraints, so that a later level (CAN_VIEW) needs no table copy.
CREATE TABLE endpoint_acl_entries (
    endpoint         VARCHAR(255) NOT NULL REFERENCES endpoint_acls (endpoint),
    grantee_type     VARCHAR(32)  NOT NULL,
    grantee_id       BIGINT       NOT NULL,
    permission_level VARCHAR(32)  NOT NULL,
    PRIMARY KEY (endpoint, grantee_type, grantee_id, permission_level)
);

CREATE INDEX endpoint_acl_entries_grantee_ix ON endpoint_acl_entries (grantee_id);

-- One row, bumped in the same transaction as every control-plane change; each gateway polls it and
-- drops its caches when it moves.
CREATE TABLE control_version (
    id      INT    NOT NULL PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);

INSERT INTO control_version (id, version) VALUES (1, 0);
