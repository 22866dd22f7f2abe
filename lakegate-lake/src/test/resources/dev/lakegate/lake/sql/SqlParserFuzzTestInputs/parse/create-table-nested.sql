CREATE TABLE IF NOT EXISTS main.telemetry.`Events` (
  id BIGINT NOT NULL COMMENT 'row id',
  attributes MAP<STRING, STRING>,
  points ARRAY<STRUCT<time_unix_nano: BIGINT, value: DOUBLE, `exemplars`: ARRAY<STRUCT<span_id: STRING>>>>,
  amount DECIMAL(10, 2), at TIMESTAMP, day DATE, raw BINARY, ok BOOLEAN
) USING DELTA COMMENT "events" -- trailing
;
