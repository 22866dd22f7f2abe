WITH m AS (SELECT name, v, a, r['lakegate.principal'] AS principal,
    CASE WHEN r['service.name'] LIKE 'claude-code%' THEN 'claude-code'
         WHEN r['service.name'] LIKE 'codex%' THEN 'codex-cli'
         WHEN r['service.name'] = 'gemini-cli' THEN 'gemini-cli'
         ELSE r['service.name'] END AS tool,
    make_timestamp(ns // 1000) AS ts
  FROM (
    SELECT name, sum.value AS v, sum.attributes AS a, resource.attributes AS r, sum.time_unix_nano AS ns
    FROM main.telemetry.agents_otel_metrics
    WHERE metric_type = 'sum' AND sum.aggregation_temporality <> 'AGGREGATION_TEMPORALITY_CUMULATIVE'
      AND sum.time_unix_nano >= 1795239780000000000 AND sum.time_unix_nano < 1795844580000000000
    UNION ALL
    SELECT name, max(sum.value), sum.attributes, resource.attributes, max(sum.time_unix_nano)
    FROM main.telemetry.agents_otel_metrics
    WHERE metric_type = 'sum' AND sum.aggregation_temporality = 'AGGREGATION_TEMPORALITY_CUMULATIVE'
      AND sum.time_unix_nano >= 1795239780000000000 AND sum.time_unix_nano < 1795844580000000000
    GROUP BY name, sum.attributes, resource.attributes, sum.start_time_unix_nano)),
l AS (SELECT event_name, attributes AS a,
    resource.attributes['lakegate.principal'] AS principal,
    CASE WHEN resource.attributes['service.name'] LIKE 'claude-code%' THEN 'claude-code'
         WHEN resource.attributes['service.name'] LIKE 'codex%' THEN 'codex-cli'
         WHEN resource.attributes['service.name'] = 'gemini-cli' THEN 'gemini-cli'
         ELSE resource.attributes['service.name'] END AS tool,
    make_timestamp(coalesce(nullif(time_unix_nano, 0), observed_time_unix_nano) // 1000) AS ts
  FROM main.telemetry.agents_otel_logs
  WHERE coalesce(nullif(time_unix_nano, 0), observed_time_unix_nano) >= 1795239780000000000
    AND coalesce(nullif(time_unix_nano, 0), observed_time_unix_nano) < 1795844580000000000)
SELECT t, tool, sum(n) AS sessions FROM (
  SELECT date_trunc('day', ts) AS t, tool, sum(v) AS n
  FROM m WHERE name IN ('claude_code.session.count', 'gemini_cli.session.count') AND tool = 'claude-code' AND a['model'] = 'gpt-5' GROUP BY ALL
  UNION ALL
  SELECT date_trunc('day', ts), tool, count(*)
  FROM l WHERE event_name = 'codex.conversation_starts' AND tool = 'claude-code' AND a['model'] = 'gpt-5' GROUP BY ALL)
GROUP BY ALL ORDER BY 1, 2
