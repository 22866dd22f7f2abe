-- The three-level catalog (SPEC §6): catalogs › schemas › tables, and grants on them.
-- Same conventions as V1: portable SQL (SQLite now, PostgreSQL later), times in epoch
-- milliseconds, names stored lower-case (the catalog's name records normalise them), so plain
-- equality and primary keys suffice. Principals are referenced by name, not id: a grant may name a
-- group (later) and Unity Catalog's API speaks names.

CREATE TABLE catalogs (
    name       VARCHAR(255) NOT NULL PRIMARY KEY,
    comment    TEXT,
    owner      VARCHAR(255) NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);

CREATE TABLE schemas (
    catalog_name VARCHAR(255) NOT NULL REFERENCES catalogs (name),
    name         VARCHAR(255) NOT NULL,
    comment      TEXT,
    owner        VARCHAR(255) NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL,
    PRIMARY KEY (catalog_name, name)
);

-- columns_json: the Kernel (Spark) schema JSON, {"type":"struct","fields":[…]}, as the Delta log
-- holds it. properties_json: a JSON object of TBLPROPERTIES, in the order given.
CREATE TABLE tables (
    catalog_name       VARCHAR(255) NOT NULL,
    schema_name        VARCHAR(255) NOT NULL,
    name               VARCHAR(255) NOT NULL,
    table_type         VARCHAR(16)  NOT NULL CHECK (table_type IN ('MANAGED', 'EXTERNAL')),
    data_source_format VARCHAR(16)  NOT NULL CHECK (data_source_format IN ('DELTA')),
    columns_json       TEXT         NOT NULL,
    location           TEXT         NOT NULL,
    properties_json    TEXT         NOT NULL,
    comment            TEXT,
    owner              VARCHAR(255) NOT NULL,
    created_at         BIGINT       NOT NULL,
    updated_at         BIGINT       NOT NULL,
    PRIMARY KEY (catalog_name, schema_name, name),
    FOREIGN KEY (catalog_name, schema_name) REFERENCES schemas (catalog_name, name)
);

-- securable_name is the dotted full name (main, main.telemetry, main.telemetry.t). No foreign
-- key: the store deletes an object's grants when it drops the object.
CREATE TABLE grants (
    securable_type VARCHAR(16)  NOT NULL CHECK (securable_type IN ('CATALOG', 'SCHEMA', 'TABLE')),
    securable_name VARCHAR(800) NOT NULL,
    principal      VARCHAR(255) NOT NULL,
    privilege      VARCHAR(32)  NOT NULL,
    created_at     BIGINT       NOT NULL,
    PRIMARY KEY (securable_type, securable_name, principal, privilege)
);

CREATE INDEX grants_principal_ix ON grants (principal);
