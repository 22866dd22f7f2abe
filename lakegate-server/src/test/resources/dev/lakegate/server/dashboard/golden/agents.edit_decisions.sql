WITH m AS (SELECT name, value AS v, model, type, decision, principal, tool, CAST(hour AS TIMESTAMP) AS ts
  FROM system.ai_gateway.agent_hourly
  WHERE source = 'metric' AND series IS NULL AND hour >= TIMESTAMP '2026-11-21 05:43:00' AND hour < TIMESTAMP '2026-11-28 05:43:00'
  UNION ALL
  SELECT name, max(value), model, type, decision, principal, tool, CAST(max(last_time) AS TIMESTAMP)
  FROM system.ai_gateway.agent_hourly
  WHERE source = 'metric' AND series IS NOT NULL AND hour >= TIMESTAMP '2026-11-21 05:43:00' AND hour < TIMESTAMP '2026-11-28 05:43:00'
  GROUP BY name, series, series_start, model, type, decision, principal, tool),
l AS (SELECT name AS event_name, points AS n, model, decision, principal, tool, CAST(hour AS TIMESTAMP) AS ts
  FROM system.ai_gateway.agent_hourly
  WHERE source = 'event' AND hour >= TIMESTAMP '2026-11-21 05:43:00' AND hour < TIMESTAMP '2026-11-28 05:43:00')
SELECT tool, decision, sum(n) AS decisions FROM (
  SELECT tool, decision, sum(v) AS n
  FROM m WHERE name = 'claude_code.code_edit_tool.decision' AND tool = 'claude-code' AND model = 'gpt-5' GROUP BY ALL
  UNION ALL
  SELECT tool, decision, sum(n)
  FROM l WHERE event_name = 'codex.tool_decision' AND tool = 'claude-code' AND model = 'gpt-5' GROUP BY ALL)
WHERE decision IS NOT NULL
GROUP BY ALL ORDER BY 1, 2
