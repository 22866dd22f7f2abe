WITH m AS (SELECT name, value AS v, model, type, decision, principal, tool, CAST(hour AS TIMESTAMP) AS ts
  FROM system.ai_gateway.agent_hourly
  WHERE source = 'metric' AND series IS NULL AND hour >= TIMESTAMP '2026-11-21 05:43:00' AND hour < TIMESTAMP '2026-11-28 05:43:00'
  UNION ALL
  SELECT name, max(value), model, type, decision, principal, tool, CAST(max(last_time) AS TIMESTAMP)
  FROM system.ai_gateway.agent_hourly
  WHERE source = 'metric' AND series IS NOT NULL AND hour >= TIMESTAMP '2026-11-21 05:43:00' AND hour < TIMESTAMP '2026-11-28 05:43:00'
  GROUP BY name, series, series_start, model, type, decision, principal, tool)
SELECT date_trunc('day', ts) AS t,
  coalesce(sum(v) FILTER (WHERE type = 'added'), 0) AS added,
  -coalesce(sum(v) FILTER (WHERE type = 'removed'), 0) AS removed
FROM m WHERE name IN ('claude_code.lines_of_code.count', 'gemini_cli.lines.changed') AND tool = 'claude-code' AND model = 'gpt-5'
GROUP BY 1 ORDER BY 1
