-- CTE l: log events in the range, by their time (else the time they were observed).
l AS (SELECT event_name, attributes AS a,
    resource.attributes['lakegate.principal'] AS principal,
    CASE WHEN resource.attributes['service.name'] LIKE 'claude-code%' THEN 'claude-code'
         WHEN resource.attributes['service.name'] LIKE 'codex%' THEN 'codex-cli'
         WHEN resource.attributes['service.name'] = 'gemini-cli' THEN 'gemini-cli'
         ELSE resource.attributes['service.name'] END AS tool,
    make_timestamp(coalesce(nullif(time_unix_nano, 0), observed_time_unix_nano) // 1000) AS ts
  FROM :logs
  WHERE coalesce(nullif(time_unix_nano, 0), observed_time_unix_nano) >= :from_ns
    AND coalesce(nullif(time_unix_nano, 0), observed_time_unix_nano) < :to_ns)
