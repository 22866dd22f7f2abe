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
  WHERE source = 'event' AND hour >= TIMESTAMP '2026-11-21 05:43:00' AND hour < TIMESTAMP '2026-11-28 05:43:00'),
x AS (
  SELECT tool,
    sum(v) FILTER (WHERE name IN ('claude_code.session.count', 'gemini_cli.session.count')) AS sessions,
    sum(v) FILTER (WHERE name = 'claude_code.active_time.total') / 3600 AS active_hours,
    sum(v) FILTER (WHERE name IN ('claude_code.lines_of_code.count', 'gemini_cli.lines.changed') AND type = 'added') AS lines_added,
    sum(v) FILTER (WHERE name IN ('claude_code.lines_of_code.count', 'gemini_cli.lines.changed') AND type = 'removed') AS lines_removed,
    sum(v) FILTER (WHERE name = 'claude_code.commit.count') AS commits,
    sum(v) FILTER (WHERE name = 'claude_code.pull_request.count') AS pull_requests
  FROM m WHERE true AND tool = 'claude-code' AND model = 'gpt-5' GROUP BY tool
  UNION ALL
  SELECT tool, sum(n), NULL, NULL, NULL, NULL, NULL
  FROM l WHERE event_name = 'codex.conversation_starts' AND tool = 'claude-code' AND model = 'gpt-5' GROUP BY tool)
SELECT tool, sum(sessions) AS sessions, sum(active_hours) AS active_hours, sum(lines_added) AS lines_added,
  sum(lines_removed) AS lines_removed, sum(commits) AS commits, sum(pull_requests) AS pull_requests
FROM x GROUP BY tool ORDER BY sessions DESC NULLS LAST, tool
