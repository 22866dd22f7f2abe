WITH /*m*/,
/*l*/,
x AS (
  SELECT principal, tool,
    sum(v) FILTER (WHERE name IN ('claude_code.session.count', 'gemini_cli.session.count')) AS sessions,
    sum(v) FILTER (WHERE name = 'claude_code.active_time.total') / 3600 AS active_hours,
    sum(v) FILTER (WHERE name IN ('claude_code.lines_of_code.count', 'gemini_cli.lines.changed') AND type = 'added') AS lines_added,
    sum(v) FILTER (WHERE name IN ('claude_code.lines_of_code.count', 'gemini_cli.lines.changed') AND type = 'removed') AS lines_removed,
    sum(v) FILTER (WHERE name = 'claude_code.commit.count') AS commits,
    sum(v) FILTER (WHERE name = 'claude_code.pull_request.count') AS pull_requests
  FROM m WHERE true /*filters*/ GROUP BY principal, tool
  UNION ALL
  SELECT principal, tool, sum(n), NULL, NULL, NULL, NULL, NULL
  FROM l WHERE event_name = 'codex.conversation_starts' /*filters*/ GROUP BY principal, tool)
SELECT principal, tool, sum(sessions) AS sessions, sum(active_hours) AS active_hours, sum(lines_added) AS lines_added,
  sum(lines_removed) AS lines_removed, sum(commits) AS commits, sum(pull_requests) AS pull_requests
FROM x GROUP BY principal, tool ORDER BY sessions DESC NULLS LAST, principal, tool LIMIT 100
