-- Views (SPEC §6): a stored query in the catalog.schema.table namespace, read with its owner's
-- privileges. Same conventions as V1 and V2 (portable SQL, times in epoch milliseconds, names
-- lower-case). A view's name may not be a table's: the store checks both tables in the one
-- transaction that creates either. Grants on a view are rows of `grants` with securable_type TABLE,
-- as Unity Catalog treats views.

-- definition: the query as written (DuckDB SQL naming tables catalog.schema.table).
-- columns_json: the Kernel (Spark) schema JSON of the columns the query had when it was created.
CREATE TABLE views (
    catalog_name VARCHAR(255) NOT NULL,
    schema_name  VARCHAR(255) NOT NULL,
    name         VARCHAR(255) NOT NULL,
    definition   TEXT         NOT NULL,
    columns_json TEXT         NOT NULL,
    comment      TEXT,
    owner        VARCHAR(255) NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL,
    PRIMARY KEY (catalog_name, schema_name, name),
    FOREIGN KEY (catalog_name, schema_name) REFERENCES schemas (catalog_name, name)
);
