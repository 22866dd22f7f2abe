WITH /*m*/
SELECT date_trunc(:grain, ts) AS t,
  coalesce(sum(v) FILTER (WHERE type = 'added'), 0) AS added,
  -coalesce(sum(v) FILTER (WHERE type = 'removed'), 0) AS removed
FROM m WHERE name IN ('claude_code.lines_of_code.count', 'gemini_cli.lines.changed') /*filters*/
GROUP BY 1 ORDER BY 1
