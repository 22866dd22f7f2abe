-- Ai-gateway settings of endpoints set through PUT /api/2.0/serving-endpoints/{name}/ai-gateway (docs/design/018).
-- An endpoint has a row once its settings were set through the API; from then on the document replaces the
-- endpoint's YAML rate_limits, usage_tracking, inference_table_config and fallback, until the row is deleted
-- (DELETE …/ai-gateway). The document is the API's JSON, kept as text: it is read whole into memory on every
-- change and never queried by field, and a later field needs no new column.
CREATE TABLE endpoint_settings (
    endpoint   VARCHAR(255) NOT NULL PRIMARY KEY,
    settings   TEXT         NOT NULL,
    updated_at BIGINT       NOT NULL
);
