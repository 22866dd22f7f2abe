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
SELECT coalesce(a['model'], 'unknown') AS model, a['type'] AS type, sum(v) AS tokens
FROM m WHERE name IN ('claude_code.token.usage', 'gemini_cli.token.usage') AND tool = 'claude-code' AND a['model'] = 'gpt-5'
GROUP BY ALL ORDER BY 1, 2
