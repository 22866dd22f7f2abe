WITH /*m*/,
/*l*/
SELECT t, tool, sum(n) AS sessions FROM (
  SELECT date_trunc(:grain, ts) AS t, tool, sum(v) AS n
  FROM m WHERE name IN ('claude_code.session.count', 'gemini_cli.session.count') /*filters*/ GROUP BY ALL
  UNION ALL
  SELECT date_trunc(:grain, ts), tool, sum(n)
  FROM l WHERE event_name = 'codex.conversation_starts' /*filters*/ GROUP BY ALL)
GROUP BY ALL ORDER BY 1, 2
