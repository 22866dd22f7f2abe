-- Budgets (SPEC §3): USD per UTC day or month for a user, service principal, group or endpoint.
-- Same conventions as V1: portable SQL, application-chosen ids, epoch milliseconds; money in
-- integer micro-dollars, so counters add exactly. Design: docs/design/017-budgets.md.

CREATE TABLE budgets (
    id           BIGINT       NOT NULL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    scope        VARCHAR(32)  NOT NULL CHECK (scope IN ('USER', 'SERVICE_PRINCIPAL', 'GROUP', 'ENDPOINT')),
    subject      VARCHAR(255) NOT NULL,
    period       VARCHAR(16)  NOT NULL CHECK (period IN ('DAY', 'MONTH')),
    limit_micros BIGINT       NOT NULL CHECK (limit_micros > 0),
    created_by   VARCHAR(255) NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL
);

CREATE UNIQUE INDEX budgets_name_uk ON budgets (LOWER(name));

-- One counter per budget and window, created once (INSERT … ON CONFLICT DO NOTHING) with the spend
-- already recorded in the usage table as its seed. Admission and settlement change it with single
-- conditional UPDATEs, outside the serialised control-plane writes.
CREATE TABLE budget_windows (
    budget_id       BIGINT NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
    window_start    BIGINT NOT NULL,
    seeded_micros   BIGINT NOT NULL,
    spent_micros    BIGINT NOT NULL,
    reserved_micros BIGINT NOT NULL,
    opened_at       BIGINT NOT NULL,
    PRIMARY KEY (budget_id, window_start)
);

-- The ledger: one row per request and budget it was admitted against. Its state moves
-- RESERVED → SETTLED (the request ended), or RESERVED → EXPIRED (never settled: the sweeper gave the
-- hold back) → SETTLED (a late end is still charged); each move is a conditional UPDATE, so a
-- counter changes exactly once per move whichever gateway makes it.
CREATE TABLE budget_reservations (
    budget_id       BIGINT      NOT NULL,
    request_id      VARCHAR(64) NOT NULL,
    window_start    BIGINT      NOT NULL,
    estimate_micros BIGINT      NOT NULL,
    state           VARCHAR(16) NOT NULL CHECK (state IN ('RESERVED', 'EXPIRED', 'SETTLED')),
    cost_micros     BIGINT,
    reserved_at     BIGINT      NOT NULL,
    closed_at       BIGINT,
    PRIMARY KEY (budget_id, request_id),
    FOREIGN KEY (budget_id, window_start) REFERENCES budget_windows (budget_id, window_start) ON DELETE CASCADE
);

-- The sweeper looks for old holds; pruning for old closed rows.
CREATE INDEX budget_reservations_age_ix ON budget_reservations (state, reserved_at);
