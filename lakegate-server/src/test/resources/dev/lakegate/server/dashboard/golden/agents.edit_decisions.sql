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
SELECT tool, decision, sum(n) AS decisions FROM (
  SELECT tool, CASE a['decision'] WHEN 'accept' THEN 'accept' WHEN 'reject' THEN 'reject' END AS decision, sum(v) AS n
  FROM m WHERE name = 'claude_code.code_edit_tool.decision' AND tool = 'claude-code' AND a['model'] = 'gpt-5' GROUP BY ALL
  UNION ALL
  SELECT tool, CASE WHEN a['decision'] LIKE 'approved%' THEN 'accept' WHEN a['decision'] IN ('denied', 'abort') THEN 'reject' END,
    count(*)
  FROM l WHERE event_name = 'codex.tool_decision' AND tool = 'claude-code' AND a['model'] = 'gpt-5' GROUP BY ALL)
WHERE decision IS NOT NULL
GROUP BY ALL ORDER BY 1, 2
