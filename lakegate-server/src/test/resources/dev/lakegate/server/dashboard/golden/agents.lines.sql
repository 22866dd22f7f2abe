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
    GROUP BY name, sum.attributes, resource.attributes, sum.start_time_unix_nano))
SELECT date_trunc('day', ts) AS t,
  coalesce(sum(v) FILTER (WHERE a['type'] = 'added'), 0) AS added,
  -coalesce(sum(v) FILTER (WHERE a['type'] = 'removed'), 0) AS removed
FROM m WHERE name IN ('claude_code.lines_of_code.count', 'gemini_cli.lines.changed') AND tool = 'claude-code' AND a['model'] = 'gpt-5'
GROUP BY 1 ORDER BY 1
